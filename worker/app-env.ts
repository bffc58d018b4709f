// Hono's typing of bindings and per-request variables, declared once.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AuthUser } from './auth/auth-user.ts'
import type { Db } from './db/client.ts'
import type { Env } from './env.ts'
import type { Logger } from './http/logger.ts'
import type { RequestTiming } from './http/server-timing.ts'
import type { Credential } from './middleware/request-context.ts'

export type Vars = {
  requestId: string
  log: Logger
  db: Db
  user: AuthUser | null
  // Its Bearer token or session cookie (middleware/request-context.ts).
  credential: Credential | null
  // Server-Timing phases and statement counts of this request (its page's, when in-process).
  timing: RequestTiming
  // The API limiter's answer, asked for before the session look-up (middleware/rate-limit.ts).
  rateLimit?: { key: string; outcome: Promise<RateLimitOutcome> }
}
export type AppEnv = { Bindings: Env; Variables: Vars }
export type Api = OpenAPIHono<AppEnv>

// What a non-public route's handler sees (apiRoute types it): authorize() already refused
// anonymous callers, so the user is there.
export type SignedInEnv = { Bindings: Env; Variables: Omit<Vars, 'user'> & { user: AuthUser } }
