// Every API route is declared here-through: its zod schemas (for validation and OpenAPI), the
// access it needs and the cached lists it makes stale. The registry lets a test prove no route
// forgot to declare its permission.
import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, SignedInEnv } from '../app-env.ts'
import { isWrittenResource, type WrittenResource } from '../cache/invalidation.ts'
import { invalidateAfterWrite } from '../events/after-write.ts'
import { authorize } from '../middleware/authorize.ts'
import { auditTrail } from '../audit/audit.ts'
import { type Access, declaredRoutes, honoPath, routeKey } from './route-registry.ts'

export type { Access }

// Written records: by default the resource of a create/update/delete/import permission
// ("tasks:update" → tasks), so a new write route cannot forget the cache. Say `invalidates: []`
// for a write that changes no cached list, or name the resources (or pick them per request).
type Invalidates = readonly WrittenResource[] | ((c: Context<AppEnv>) => readonly WrittenResource[])
const WRITING_ACTIONS = new Set(['create', 'update', 'delete', 'import'])

function writtenByDefault(method: string, access: Access): WrittenResource[] {
  if (method.toLowerCase() === 'get' || access === 'public' || access === 'authenticated') return []
  const [resource = '', action = ''] = access.split(':')
  return isWrittenResource(resource) && WRITING_ACTIONS.has(action) ? [resource] : []
}

// A signed-in route's handler reads c.var.user as a non-null AuthUser: authorize() has refused
// the request with a 401 before the handler runs.
type RouteEnv<A extends Access> = A extends 'public' ? AppEnv : SignedInEnv

export function apiRoute<const R extends Omit<RouteConfig, 'middleware'>, const A extends Access>(
  config: R & { access: A; invalidates?: Invalidates },
) {
  const { access, invalidates, ...rest } = config
  declaredRoutes.set(routeKey(rest.method, honoPath(rest.path)), access)
  const security = access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }]
  const written = invalidates ?? writtenByDefault(rest.method, access)
  // The audit trail last: a deletion's transaction commits before the caches are dropped.
  const trail = access === 'public' || access === 'authenticated' ? [] : [auditTrail(access)]
  const middleware =
    typeof written === 'function' || written.length
      ? [authorize(access), invalidateAfterWrite(written), ...trail]
      : [authorize(access), ...trail]
  // Typed as one middleware of the route's env on purpose: hono infers the handler's context from it, so
  // c.var.user is non-null on a signed-in route (authorize refuses the request otherwise).
  return createRoute({ ...rest, security, 'x-permission': access, middleware } as unknown as Omit<
    R,
    'access' | 'invalidates'
  > & {
    middleware: [MiddlewareHandler<RouteEnv<A>>]
  })
}
