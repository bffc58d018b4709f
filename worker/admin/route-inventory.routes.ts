// Every route the app really serves, with the access it declared (null when it declared none).
// The permission-matrix test generates its cases from this list, so routes added by any
// feature are covered without editing the test.
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { declaredRoutes, routeKey } from '../http/route-registry.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'

const RouteEntry = z.object({ method: z.string(), path: z.string(), access: z.string().nullable() })

export function registerRouteInventory(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/admin/routes',
      tags: ['Admin'],
      access: 'settings:manage',
      summary: 'Every API route with its declared access (null: undeclared, refused at run time)',
      responses: { 200: jsonResponse(z.object({ data: z.array(RouteEntry) })), ...problemResponses },
    }),
    (c) => {
      const seen = new Map<string, z.infer<typeof RouteEntry>>()
      for (const r of api.routes) {
        if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue
        const key = routeKey(r.method, r.path)
        if (!seen.has(key))
          seen.set(key, { method: r.method.toUpperCase(), path: r.path, access: declaredRoutes.get(key) ?? null })
      }
      const data = [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
      return c.json({ data }, 200)
    },
  )
}
