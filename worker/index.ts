// The Worker: one entry for HTTP (API + web UI), queue batches and cron triggers.
import * as Sentry from '@sentry/cloudflare'
import { createRequestHandler } from 'react-router'
import { api } from './app.ts'
import type { Env } from './env.ts'
import { apiSecurityHeaders, newNonce, securityHeaders } from './http/security-headers.ts'
import { closePage, markInProcess, newPageContext } from './http/in-process.ts'
import { sentryOptions } from './http/sentry.ts'
import { handleQueue } from './queues.ts'
import { handleScheduled } from './scheduled.ts'
import { registerTcpSocket } from './db/client.ts'
import { TcpWebSocket } from './db/tcp-socket.ts'

registerTcpSocket(TcpWebSocket)

export { NotificationHub } from '../durable-objects/notification-hub.ts'

declare module 'react-router' {
  interface AppLoadContext {
    env: Env
    ctx: ExecutionContext
    cspNonce: string
    // In-process call of the Hono app: same validation and permissions as partners get.
    api: (path: string, init?: RequestInit) => Promise<Response>
  }
}

const ssr = createRequestHandler(() => import('virtual:react-router/server-build'), import.meta.env.MODE)

function withHeaders(response: Response, headers: Record<string, string>) {
  // Upgrades (101) and immutable responses cannot take headers.
  if (response.status === 101) return response
  const res = new Response(response.body, response)
  for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v)
  return res
}

const handler = {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return withHeaders(await api.fetch(request, env, ctx), apiSecurityHeaders)
    }
    const nonce = newNonce()
    const headers = securityHeaders(nonce, { https: url.protocol === 'https:', host: url.host })
    // One page view, one connection and one session look-up: its API calls share this context.
    const page = newPageContext()
    const apiCall = (path: string, init: RequestInit = {}) => {
      const h = new Headers(init.headers)
      for (const name of ['cookie', 'origin', 'user-agent', 'cf-connecting-ip', 'accept-language']) {
        const v = request.headers.get(name)
        if (v && !h.has(name)) h.set(name, v)
      }
      return Promise.resolve(
        api.fetch(markInProcess(new Request(new URL(path, url.origin), { ...init, headers: h }), page), env, ctx),
      )
    }
    let res: Response
    try {
      res = await ssr(request, { env, ctx, cspNonce: nonce, api: apiCall })
    } finally {
      ctx.waitUntil(closePage(page))
    }
    return withHeaders(res, { ...headers, 'server-timing': page.timing.header() })
  },
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>

// Without SENTRY_DSN nothing is reported, yet Sentry's wrapping (an isolation scope, span
// attributes from every header and the URL) took about 8 % of a request's CPU in workerd (profiled
// under load, decision 009): requests go through it only when a DSN is set. withSentry patches the
// object it is given, so it gets a copy and `handler` stays bare.
const reported = Sentry.withSentry((env: Env) => sentryOptions(env), { ...handler })

export default {
  fetch: (request, env, ctx) => (env.SENTRY_DSN ? reported : handler).fetch(request, env, ctx),
  queue: (batch, env, ctx) => (env.SENTRY_DSN ? reported : handler).queue(batch, env, ctx),
  scheduled: (controller, env, ctx) =>
    env.SENTRY_DSN
      ? (reported.scheduled as ExportedHandlerScheduledHandler<Env>)(controller, env, ctx)
      : handler.scheduled(controller, env),
} satisfies ExportedHandler<Env>
