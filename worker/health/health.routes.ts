import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse } from '../http/common-schemas.ts'

const Check = z.object({
  status: z.enum(['ok', 'error']),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
})
const Health = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  environment: z.string(),
  checks: z.object({ database: Check, kv: Check, queues: Check }),
})

async function timed(fn: () => Promise<unknown>) {
  const started = Date.now()
  try {
    await fn()
    return { status: 'ok' as const, latencyMs: Date.now() - started }
  } catch (error) {
    // The kind of failure, never a connection string.
    return {
      status: 'error' as const,
      latencyMs: Date.now() - started,
      error: error instanceof Error ? error.name : 'Error',
    }
  }
}

export function registerHealthRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/health',
      tags: ['Health'],
      access: 'public',
      summary: 'State of the database, KV and queues, and the version',
      responses: { 200: jsonResponse(Health), 503: jsonResponse(Health, 'Database unreachable') },
    }),
    async (c) => {
      const database = await timed(() =>
        Promise.race([
          c.get('db').execute(sql`select 1`),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
        ]),
      )
      const kv = await timed(() => c.env.CACHE.get('health:probe'))
      const queues = await timed(async () => {
        if (!c.env.EVENTS_QUEUE || !c.env.WEBHOOKS_QUEUE || !c.env.EXPORTS_QUEUE)
          throw new Error('queue binding missing')
      })
      const down = database.status === 'error'
      const body = {
        status: down ? ('down' as const) : kv.status === 'error' ? ('degraded' as const) : ('ok' as const),
        version: c.env.APP_VERSION,
        environment: c.env.ENVIRONMENT,
        checks: { database, kv, queues },
      }
      c.header('cache-control', 'no-store')
      return c.json(body, down ? 503 : 200)
    },
  )
}
