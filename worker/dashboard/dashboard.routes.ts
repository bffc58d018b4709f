import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { Dashboard } from './dashboard.schema.ts'
import { dashboard } from './dashboard.service.ts'
import { dashboardResource } from './dashboard-invalidation.ts'

export function registerDashboardRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/dashboard',
      tags: ['Dashboard'],
      access: 'reports:read',
      summary: "KPIs within the caller's scope: stages, signed this quarter, pipeline, tasks, activity, 6-month series",
      responses: { 200: jsonResponse(Dashboard), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      // The dashboard reads every record type: each write names 'dashboard' among the lists it stales,
      // and drops only the partitions it changes (worker/dashboard/dashboard-invalidation.ts): each
      // partition (admins, a team, a sales user) has its own version.
      const partition = scopeKey(user)
      return c.json(
        await cachedJson(c, dashboardResource(partition), partition, {}, () => dashboard(c.get('db'), user)),
        200,
      )
    },
  )
}
