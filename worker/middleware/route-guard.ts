// Deny by default: an /api/v1 route registered without apiRoute() (so without a declared
// access and without the authorize middleware) answers 500 instead of running unprotected.
// The permission-matrix test lists such routes through GET /api/v1/admin/routes.
import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../app-env.ts'
import { declaredRoutes, routeKey } from '../http/route-registry.ts'
import { HttpProblem, problem } from '../http/problem.ts'

export const requireDeclaredRoute = (): MiddlewareHandler<AppEnv> =>
  async function requireDeclaredRoute(c, next) {
    const endpoint = matchedRoutes(c).find((r) => r.method !== 'ALL')
    if (endpoint && !declaredRoutes.has(routeKey(endpoint.method, endpoint.path))) {
      c.get('log').error('route without declared access', { method: endpoint.method, path: endpoint.path })
      throw new HttpProblem(problem(500, 'Cette route ne déclare pas la permission qu’elle exige.'))
    }
    await next()
  }
