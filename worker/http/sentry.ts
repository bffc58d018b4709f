// Unexpected errors go to Sentry when SENTRY_DSN is set (the Worker is wrapped with
// @sentry/cloudflare in worker/index.ts). Cookies, auth headers and passwords never leave.
import * as Sentry from '@sentry/cloudflare'
import type { Context } from 'hono'
import type { ErrorEvent } from '@sentry/cloudflare'

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|session/i

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6 || value == null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[scrubbed]' : scrub(v, depth + 1)]),
  )
}

export function beforeSend(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    delete event.request.cookies
    if (event.request.headers) event.request.headers = scrub(event.request.headers) as Record<string, string>
    if (event.request.data) event.request.data = scrub(event.request.data)
    if (typeof event.request.query_string === 'string')
      event.request.query_string = event.request.query_string.replace(/(token|password)=[^&]*/gi, '$1=[scrubbed]')
  }
  if (event.extra) event.extra = scrub(event.extra) as Record<string, unknown>
  // A failed query's message ends with its parameters (user data): only the statement is sent.
  for (const ex of event.exception?.values ?? []) if (ex.value) ex.value = ex.value.replace(/\nparams: [\s\S]*$/, '')
  return event
}

export const sentryOptions = (env: { SENTRY_DSN?: string; ENVIRONMENT: string; APP_VERSION: string }) => ({
  dsn: env.SENTRY_DSN,
  enabled: Boolean(env.SENTRY_DSN),
  environment: env.ENVIRONMENT,
  release: env.APP_VERSION,
  beforeSend,
})

export function reportError(c: Context, error: unknown) {
  if (!c.env?.SENTRY_DSN) return
  Sentry.withScope((scope) => {
    scope.setTag('requestId', c.get('requestId'))
    scope.setTag('path', c.req.path)
    Sentry.captureException(error)
  })
}
