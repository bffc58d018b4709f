// After a committed write: drop the cached lists it touched (now, so the next read sees it) and
// hand the outbox to the queue without delaying the response.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { createDb } from '../db/client.ts'
import type { Env } from '../env.ts'
import { dispatchOutbox } from './dispatch-outbox.ts'
import type { Logger } from '../http/logger.ts'

export async function afterWrite(c: Context<AppEnv>, ...resources: string[]) {
  await invalidateLists(c.env, ...resources)
  c.executionCtx.waitUntil(dispatchSoon(c.env, c.get('log')))
}

// Its own pool: the request's pool is closed when the response is done.
export async function dispatchSoon(env: Env, log: Logger) {
  const { db, pool } = createDb(env)
  try {
    await dispatchOutbox(db, env)
  } catch (error) {
    log.warn('outbox dispatch deferred to cron', { error: String(error) })
  } finally {
    await pool.end().catch(() => {})
  }
}
