import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { forbidden, passwordChangeRequired, unauthorized } from '../http/problem.ts'
import type { Access } from '../http/route-registry.ts'
import { assertCleanInput } from './input-hygiene.ts'

// The one permission check: a route's declared access against the caller's effective matrix.
// It runs before input validation, so a caller without the permission learns nothing from 400s.
// Sessions, sign-out everywhere and the password belong to the person signed in (cookie
// session): an integration's token, even a read-only one, must not list IPs or sign them out.
const SIGNED_IN_PERSON_ONLY = /^\/api\/v1\/auth\/(sessions(\/|$)|logout-all$|password$)/

export const authorize = (access: Access): MiddlewareHandler<AppEnv> =>
  async function authorize(c, next) {
    if (access === 'public') {
      await assertCleanInput(c)
      return next()
    }
    const user = c.get('user')
    if (!user) throw unauthorized()
    if (user.via === 'token' && SIGNED_IN_PERSON_ONLY.test(c.req.path)) {
      throw forbidden(
        'Réservé à la personne connectée (session du navigateur) : un jeton d’API ne peut pas gérer les ' +
          'sessions ni le mot de passe.',
      )
    }
    if (user.mustChangePassword && !c.req.path.startsWith('/api/v1/auth/')) throw passwordChangeRequired()
    if (access !== 'authenticated' && !user.permissions.has(access)) throw forbidden()
    await assertCleanInput(c)
    await next()
  }
