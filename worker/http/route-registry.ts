// What every declared API route needs, keyed the way Hono reports a matched route
// ("GET /api/v1/organisations/:id"): apiRoute() fills it, the route guard and the route
// inventory read it. A module of its own so route.ts and the middleware do not import each other.
import type { Permission } from '../permissions/matrix.ts'

export type Access = 'public' | 'authenticated' | Permission

export const declaredRoutes = new Map<string, Access>()

// Hono's route path (":id") from an OpenAPI path ("{id}") under the /api base path.
export const honoPath = (openApiPath: string) => `/api${openApiPath.replace(/\{(\w+)\}/g, ':$1')}`

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`
