import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { PipelineAnalytics, PipelineAnalyticsQuery, PipelineBoard, PipelineBoardQuery } from './pipeline.schema.ts'
import { pipelineAnalytics, pipelineBoard } from './pipeline.service.ts'

const tags = ['Pipeline']

// Both read organisations only (and their stage changes, written with them): cached under the
// organisations version, so any organisation write refreshes them.
export function registerPipelineRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/pipeline/board',
      tags,
      access: 'organisations:read',
      summary: 'Kanban board: per stage the count, total amount and the first cards (same filters as the list)',
      request: { query: PipelineBoardQuery },
      responses: { 200: jsonResponse(PipelineBoard), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'organisations', scopeKey(user), { ...query, view: 'board' }, () =>
          pipelineBoard(c.get('db'), user, query),
        ),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/pipeline/analytics',
      tags,
      access: 'organisations:read',
      summary: 'Funnel, conversion rate per transition, average days per stage and weighted forecast',
      request: { query: PipelineAnalyticsQuery },
      responses: { 200: jsonResponse(PipelineAnalytics), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      // Without an explicit window the result moves with the clock: the TTL bounds how far.
      return c.json(
        await cachedJson(c, 'organisations', scopeKey(user), { ...query, view: 'analytics' }, () =>
          pipelineAnalytics(c.get('db'), user, query),
        ),
        200,
      )
    },
  )
}
