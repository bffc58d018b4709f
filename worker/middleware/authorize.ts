import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { forbidden, unauthorized, HttpProblem, problem } from '../http/problem.ts'
import type { Access } from '../http/route-registry.ts'
import { auditTrail } from '../audit/audit.ts'

// The one permission check: a route's declared access against the caller's effective matrix.
// It runs before input validation, so a caller without the permission learns nothing from 400s.
export const authorize = (access: Access): MiddlewareHandler<AppEnv> =>
  async function authorize(c, next) {
    if (access === 'public') return next()
    const user = c.get('user')
    if (!user) throw unauthorized()
    if (user.mustChangePassword && !c.req.path.startsWith('/api/v1/auth/')) {
      throw new HttpProblem(
        problem(403, 'Vous devez changer votre mot de passe avant de continuer.', {
          type: '/problems/password-change-required',
        }),
      )
    }
    if (access !== 'authenticated' && !user.permissions.has(access)) throw forbidden()
    await next()
    if (access !== 'authenticated') await auditTrail(c, access)
  }
