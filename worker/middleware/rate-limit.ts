// Rate limits through Cloudflare's rate-limiting binding (miniflare enforces it locally, with
// wall-clock windows). Limits live in wrangler.toml: sign-in 5/min per IP and email, API
// 100/min per caller. Beyond, 429 with Retry-After.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpProblem, problem } from '../http/problem.ts'
import { isInProcess } from '../http/in-process.ts'
import { SIGN_IN_THROTTLED } from '../auth/lockout.ts'

// Both bindings count over 60 s windows, so waiting one period is always enough.
const PERIOD_SECONDS = 60

export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown'

export async function enforceLimit(
  limiter: RateLimit | undefined,
  key: string,
  message = 'Trop de tentatives. Réessayez dans une minute.',
) {
  // A Worker deployed without the binding must not fail every request; the config declares it.
  if (!limiter) return
  const { success } = await limiter.limit({ key })
  if (!success) {
    throw new HttpProblem(problem(429, message), {
      'retry-after': String(PERIOD_SECONDS),
    })
  }
}

// Sign-in and reset requests: keyed on client IP and email, so one attacker cannot lock a
// colleague out of signing in from another address, and one office behind a NAT is not
// throttled as a whole. Cloudflare sets cf-connecting-ip at the edge; callers cannot forge it.
export const limitSignIn = (c: Context<AppEnv>, email: string, purpose = 'login') =>
  enforceLimit(
    c.env.LOGIN_LIMITER,
    `${purpose}:${clientIp(c)}:${email.toLowerCase()}`,
    // At sign-in, the lock this mentions may outlast the one-minute window.
    purpose === 'login' ? SIGN_IN_THROTTLED : undefined,
  )

// API: per user for sessions; an integration token counts apart from its user's web sessions.
// Test runs only (ENVIRONMENT=test): the key also carries the client IP. Every test file signs in
// the same demo users and many make more than 100 calls a minute; the test client sends a fresh
// cf-connecting-ip per request (tests/setup/api-client.ts), so only a test that pins one IP, as
// the rate-limit test does, meets the limit. The limit itself is production's (wrangler.toml).
// The web UI's own in-process calls (3-6 per page view) are not API traffic: counting them would
// throttle an active user of the app long before any integration. Pages themselves are better
// limited at the edge (Cloudflare WAF rate-limiting rules).
export const apiRateLimit = (): MiddlewareHandler<AppEnv> =>
  async function apiRateLimit(c, next) {
    const user = c.get('user')
    if (user && !isInProcess(c.req.raw)) {
      const caller = user.via === 'token' ? `token:${user.tokenId}` : `user:${user.id}`
      const key = c.env.ENVIRONMENT === 'test' ? `${caller}:${clientIp(c)}` : caller
      await c.get('timing').time('rate-limit', () => enforceLimit(c.env.API_LIMITER, key))
    }
    await next()
  }
