// After a committed write: drop the cached lists it touched (now, so the next read sees it) and
// hand the outbox to the queue without delaying the response.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { staleAfter, type WrittenResource } from '../cache/invalidation.ts'
import { holdConnection } from '../db/client.ts'
import { dispatchOutbox } from './dispatch-outbox.ts'
import { DASHBOARD, dashboardResource, dashboardsChangedBy } from '../dashboard/dashboard-invalidation.ts'

export async function afterWrite(c: Context<AppEnv>, ...resources: string[]) {
  // The dashboards: only those of the partitions the written record counts in, when known.
  const dashboards = resources.includes(DASHBOARD) ? await dashboardsChangedBy(c).catch(() => null) : null
  if (dashboards) resources = [...resources.filter((r) => r !== DASHBOARD), ...dashboards.map(dashboardResource)]
  await invalidateLists(c.env, ...resources)
  // On the request's own connection, kept open until this is done (after the response).
  const db = c.get('db')
  const log = c.get('log')
  const sending = dispatchOutbox(db, c.env).catch((error) =>
    log.warn('outbox dispatch deferred to cron', { error: String(error) }),
  )
  holdConnection(db, sending)
  c.executionCtx.waitUntil(sending)
}

// apiRoute() puts this after authorize() on every write route: once the handler has answered a
// success, the lists it made stale are dropped before the response leaves.
export const invalidateAfterWrite = (
  written: readonly WrittenResource[] | ((c: Context<AppEnv>) => readonly WrittenResource[]),
): MiddlewareHandler<AppEnv> =>
  async function invalidateAfterWrite(c, next) {
    await next()
    if (c.error || c.res.status >= 300) return
    await afterWrite(c, ...staleAfter(...(typeof written === 'function' ? written(c) : written)))
  }
