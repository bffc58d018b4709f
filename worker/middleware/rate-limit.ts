// Rate limits through Cloudflare's rate-limiting binding (miniflare enforces it locally, with
// wall-clock windows). Limits live in wrangler.toml: sign-in 5/min per IP and email, API
// 100/min per caller. Beyond, 429 with Retry-After.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpProblem, problem } from '../http/problem.ts'
import { isInProcess } from '../http/in-process.ts'
import { SIGN_IN_THROTTLED } from '../auth/lockout.ts'
import type { AuthUser } from '../auth/auth-user.ts'

// Both bindings count over 60 s windows, so waiting one period is always enough.
const PERIOD_SECONDS = 60
const TOO_MANY = 'Trop de tentatives. Réessayez dans une minute.'

export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown'

export async function enforceLimit(limiter: RateLimit | undefined, key: string, message = TOO_MANY) {
  // A Worker deployed without the binding must not fail every request; the config declares it.
  if (!limiter) return
  checkOutcome(await limiter.limit({ key }), message)
}

function checkOutcome({ success }: RateLimitOutcome, message = TOO_MANY) {
  if (!success) throw new HttpProblem(problem(429, message), { 'retry-after': String(PERIOD_SECONDS) })
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
// The web UI's own traffic is not API traffic: its in-process calls (3-6 per page view) and the
// live notification socket a signed-in page opens on each full load. Counting them throttled an
// active user of the app long before any integration (a browser test walking every screen met
// 429 on the socket once pages were served by the build). Pages themselves are better limited
// at the edge (Cloudflare WAF rate-limiting rules); a token's socket still counts.
const counted = (c: Context<AppEnv>, via: AuthUser['via']) =>
  !isInProcess(c.req.raw) && !(via === 'session' && c.req.header('upgrade')?.toLowerCase() === 'websocket')
const callerOf = (user: AuthUser) => (user.via === 'token' ? `token:${user.tokenId}` : `user:${user.id}`)
const limitKey = (c: Context<AppEnv>, caller: string) =>
  c.env.ENVIRONMENT === 'test' ? `${caller}:${clientIp(c)}` : caller

// The limiter's round trip (about 2 ms locally) need not wait for the session look-up: a
// credential this isolate has seen resolves to the same caller, so its count starts beside the
// look-up (startApiRateLimit, before authenticate) and apiRateLimit only reads the answer. A
// caller that turns out different (revoked, signed out) is counted afresh. The map holds caller
// ids, never who may do what: authorisation always comes from the look-up.
const CALLERS_KEPT = 2_000
const callers = new Map<string, string>()

function rememberCaller(credential: string, caller: string) {
  callers.delete(credential)
  callers.set(credential, caller)
  if (callers.size > CALLERS_KEPT) callers.delete(callers.keys().next().value!)
}

export const startApiRateLimit = (): MiddlewareHandler<AppEnv> =>
  async function startApiRateLimit(c, next) {
    const credential = c.get('credential')
    const caller = credential && callers.get(credential.key)
    if (caller && c.env.API_LIMITER && counted(c, credential.via)) {
      const key = limitKey(c, caller)
      const outcome = c.env.API_LIMITER.limit({ key })
      // Awaited by apiRateLimit unless the request ends before it (a 401).
      outcome.catch(() => {})
      c.set('rateLimit', { key, outcome })
    }
    await next()
  }

export const apiRateLimit = (): MiddlewareHandler<AppEnv> =>
  async function apiRateLimit(c, next) {
    const user = c.get('user')
    if (user && counted(c, user.via)) {
      const caller = callerOf(user)
      const key = limitKey(c, caller)
      const early = c.get('rateLimit')
      await c
        .get('timing')
        .time('rate-limit', async () =>
          early?.key === key ? checkOutcome(await early.outcome) : enforceLimit(c.env.API_LIMITER, key),
        )
      const credential = c.get('credential')
      if (credential) rememberCaller(credential.key, caller)
    }
    await next()
  }
