// CSRF: a write carried by the session cookie must come from an allowed origin. Browsers send
// Origin on every POST/PUT/PATCH/DELETE, so a missing Origin with a cookie is refused too.
// Bearer-token calls carry no ambient credential and are not checked. The web UI's actions
// call the API in-process and forward the browser's Origin (worker/index.ts), so same-origin
// form posts pass.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpProblem, problem } from '../http/problem.ts'
import { allowedOrigins } from './cors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
const refused = () => new HttpProblem(problem(403, 'Origine de la requête refusée.', { type: '/problems/csrf' }))

export const csrf = (): MiddlewareHandler<AppEnv> =>
  async function csrf(c, next) {
    if (SAFE.has(c.req.method) || /^Bearer\s/i.test(c.req.header('authorization') ?? '')) return next()
    const origin = c.req.header('origin')
    if (origin) {
      if (!allowedOrigins(c).has(origin)) throw refused()
    } else if (c.get('credential')?.via === 'session') {
      throw refused()
    }
    await next()
  }
