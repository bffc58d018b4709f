import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { closeConnection, createDb } from '../db/client.ts'
import { createLogger } from '../http/logger.ts'
import { pageContextOf } from '../http/in-process.ts'
import { RequestTiming } from '../http/server-timing.ts'
import { SESSION_COOKIE, userFromSession, userFromToken } from '../auth/session.service.ts'
import { recordAudit } from '../audit/audit.ts'

// Request id, logger and a per-request database pool (closed once the response is sent).
export const requestContext = (): MiddlewareHandler<AppEnv> =>
  async function requestContext(c, next) {
    const requestId = c.req.header('x-request-id') ?? crypto.randomUUID()
    const log = createLogger({ requestId })
    c.set('requestId', requestId)
    c.set('log', log)
    // A page's in-process calls share its pool (one connection) and its timing; the page closes it.
    const page = pageContextOf(c.req.raw)
    const timing = page?.timing ?? new RequestTiming()
    const own = page ? null : createDb(c.env, { max: 1, timing })
    if (page) page.database ??= createDb(c.env, { max: 1, timing })
    const { db } = own ?? page!.database!
    c.set('db', db)
    c.set('user', null)
    c.set('credential', credentialOf(c))
    c.set('timing', timing)
    // Serialisation: every JSON body goes through c.json (Hono defines it per instance).
    const json = c.json
    c.json = ((...args: Parameters<typeof json>) => {
      const began = performance.now()
      try {
        return json(...args)
      } finally {
        timing.add('serialisation', performance.now() - began)
      }
    }) as typeof json
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
      if (!page) c.header('server-timing', timing.header(), { append: true })
      log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started })
      if (own) c.executionCtx.waitUntil(closeConnection(own))
    }
  }

// The caller's credential, read once per request: a Bearer token first, else the session cookie.
// `key` names it in the page's resolved callers and the rate limiter's (middleware/rate-limit.ts).
export type Credential = { via: 'token' | 'session'; value: string; key: string }

export function credentialOf(c: Context<AppEnv>): Credential | null {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
  if (bearer) return { via: 'token', value: bearer, key: `bearer:${bearer}` }
  const cookie = getCookie(c, SESSION_COOKIE)
  return cookie ? { via: 'session', value: cookie, key: `cookie:${cookie}` } : null
}

// Resolves the caller from the session cookie or a Bearer token; never rejects (authorize does).
export const authenticate = (): MiddlewareHandler<AppEnv> =>
  async function authenticate(c, next) {
    const credential = c.get('credential')
    const db = c.get('db')
    const timing = c.get('timing')
    const page = pageContextOf(c.req.raw)
    if (credential?.via === 'token') {
      const resolved = await timing.time('session', () => userFromToken(db, credential.value, timing))
      c.set('user', resolved?.user ?? null)
      // Token use is audited at most once a minute per token (when its last-used time moves).
      if (resolved?.touched)
        await recordAudit(c, 'token.used', {
          targetType: 'api_token',
          targetId: resolved.user.tokenId,
          details: { path: c.req.path },
        })
    } else if (credential) {
      // Within a page, the first call looks the session up and the others reuse it; a write may
      // change the caller (sign-out, password), so it looks up afresh and drops what was kept.
      const reuse = page && ['GET', 'HEAD'].includes(c.req.method)
      if (page && !reuse) page.callers.delete(credential.key)
      let user = reuse ? page.callers.get(credential.key) : undefined
      if (!user) {
        user = timing.time('session', () => userFromSession(db, credential.value, timing))
        if (reuse) page.callers.set(credential.key, user)
      }
      c.set('user', await user)
    }
    await next()
  }
