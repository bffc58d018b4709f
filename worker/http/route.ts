// Every API route is declared here-through: its zod schemas (for validation and OpenAPI) and the
// access it needs. The registry lets a test prove no route forgot to declare its permission.
import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { Permission } from '../permissions/matrix.ts'
import { authorize } from '../middleware/authorize.ts'

export type Access = 'public' | 'authenticated' | Permission
export const declaredRoutes = new Map<string, Access>()

export function apiRoute<const R extends Omit<RouteConfig, 'middleware'>>(config: R & { access: Access }) {
  const { access, ...rest } = config
  declaredRoutes.set(`${rest.method.toUpperCase()} /api${rest.path.replace(/\{(\w+)\}/g, ':$1')}`, access)
  const security = access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }]
  return createRoute({
    ...rest,
    security,
    'x-permission': access,
    middleware: [authorize(access)] as const,
  } as unknown as R & { middleware: ReturnType<typeof authorize>[] })
}
