// The list cache's hit rate, for operators (the admin screen shows it in one line).
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { cacheStats } from '../cache/cache-stats.ts'

const CacheStats = z.object({
  hits: z.number().int(),
  misses: z.number().int(),
  // hits / (hits + misses), 4 decimals; null before the first lookup.
  hit_rate: z.number().nullable(),
})

export function registerCacheStatsRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/admin/cache-stats',
      tags: ['Admin'],
      access: 'settings:manage',
      summary: 'List-cache hits and misses over the last day, summed over the Worker isolates',
      responses: { 200: jsonResponse(CacheStats), ...problemResponses },
    }),
    async (c) => c.json(await cacheStats(c.env), 200),
  )
}
