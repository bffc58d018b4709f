// The audit log, newest first, for admins (filters in audit-log.schema.ts, query in audit-log.service.ts).
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { AuditEntry, AuditQuery } from './audit-log.schema.ts'
import { listAuditLog } from './audit-log.service.ts'

export function registerAuditLogRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/audit-log',
      tags: ['Audit'],
      access: 'audit:read',
      summary:
        'Audit log, newest first (filters: action or prefix, actorId, actor email, targetType, targetId, from, to)',
      request: { query: AuditQuery },
      responses: { 200: jsonResponse(page(AuditEntry)), ...problemResponses },
    }),
    async (c) => c.json(await listAuditLog(c.get('db'), c.req.valid('query')), 200),
  )
}
