import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { createDb } from '../db/client.ts'
import { createLogger } from '../http/logger.ts'
import { SESSION_COOKIE, userFromSession, userFromToken } from '../auth/session.service.ts'
import { recordAudit } from '../audit/audit.ts'

// Request id, logger and a per-request database pool (closed once the response is sent).
export const requestContext = (): MiddlewareHandler<AppEnv> =>
  async function requestContext(c, next) {
    const requestId = c.req.header('x-request-id') ?? crypto.randomUUID()
    const log = createLogger({ requestId })
    c.set('requestId', requestId)
    c.set('log', log)
    const { db, pool } = createDb(c.env)
    c.set('db', db)
    c.set('user', null)
    const started = Date.now()
    try {
      await next()
    } finally {
      // A response sent before the request body was read (a 401/403 refused up front) makes
      // local workerd reset the connection, which the client sees as "fetch failed": drain it.
      // (Never for GET/HEAD or upgrades: an upgraded connection's body never ends.)
      const hasBody = !['GET', 'HEAD'].includes(c.req.method) && !c.req.header('upgrade')
      if (hasBody && c.req.raw.body && !c.req.raw.bodyUsed) await c.req.raw.arrayBuffer().catch(() => {})
      c.header('x-request-id', requestId)
      log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started })
      c.executionCtx.waitUntil(pool.end().catch(() => {}))
    }
  }

// Resolves the caller from the session cookie or a Bearer token; never rejects (authorize does).
export const authenticate = (): MiddlewareHandler<AppEnv> =>
  async function authenticate(c, next) {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    const cookie = getCookie(c, SESSION_COOKIE)
    const db = c.get('db')
    if (bearer) {
      const resolved = await userFromToken(db, bearer)
      c.set('user', resolved?.user ?? null)
      // Token use is audited at most once a minute per token (when its last-used time moves).
      if (resolved?.touched)
        await recordAudit(c, 'token.used', {
          targetType: 'api_token',
          targetId: resolved.user.tokenId,
          details: { path: c.req.path },
        })
    } else {
      c.set('user', cookie ? await userFromSession(db, cookie) : null)
    }
    await next()
  }
