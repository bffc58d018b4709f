// Accounts, teams, the permission matrix, API tokens, the audit log and the route inventory.
import type { Api } from '../app-env.ts'
import { registerUserRoutes } from './users.routes.ts'
import { registerTeamRoutes } from './teams.routes.ts'
import { registerRoleRoutes } from './roles.routes.ts'
import { registerApiTokenRoutes } from './api-tokens.routes.ts'
import { registerAuditLogRoutes } from './audit-log.routes.ts'
import { registerRouteInventory } from './route-inventory.routes.ts'
import { registerCacheStatsRoutes } from './cache-stats.routes.ts'

export function registerAdminRoutes(api: Api) {
  registerUserRoutes(api)
  registerTeamRoutes(api)
  registerRoleRoutes(api)
  registerApiTokenRoutes(api)
  registerAuditLogRoutes(api)
  registerRouteInventory(api)
  registerCacheStatsRoutes(api)
}
