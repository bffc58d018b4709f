// CORS from an allow-list: the app's own origin (APP_URL) plus ALLOWED_ORIGINS (wrangler.toml
// [vars], comma-separated). Credentials are allowed, so the answer is never `*`: an unknown
// origin simply gets no Access-Control-Allow-Origin header and the browser blocks the read.
import type { MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from '../app-env.ts'

// Only what it reads, so any route's context (whatever its variables) can ask.
type OriginSource = { env: Pick<AppEnv['Bindings'], 'ALLOWED_ORIGINS' | 'APP_URL'>; req: { url: string } }

export function allowedOrigins(c: OriginSource): Set<string> {
  const list = (c.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const own = [new URL(c.req.url).origin]
  try {
    if (c.env.APP_URL) own.push(new URL(c.env.APP_URL).origin)
  } catch {}
  return new Set([...own, ...list.filter((o) => o !== '*')])
}

export const cors = (): MiddlewareHandler<AppEnv> =>
  honoCors({
    origin: (origin, c) => (origin && allowedOrigins(c).has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['content-type', 'authorization', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'retry-after', 'x-cache'],
    maxAge: 600,
  })
