// The audit log as admins browse it: newest first, filtered by action, actor, target, dates.
import { and, desc, eq, gte, ilike, lte, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { auditLog, users } from '../db/schema.ts'
import { decodeCursor, encodeCursor } from '../shared/cursor.ts'
import { isUuid } from '../shared/tx.ts'
import { escapeLike } from '../shared/like.ts'
import { LimitSchema, CursorSchema } from '../shared/query-fields.ts'

const AuditEntry = z.object({
  id: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
  createdAt: z.string(),
})
const AuditQuery = z.object({
  // An action or its prefix: `auth.` gives every sign-in event.
  action: z.string().max(80).optional(),
  actorId: z.string().refine(isUuid, 'Identifiant invalide.').optional(),
  actor: z.string().max(254).optional(),
  targetType: z.string().max(60).optional(),
  targetId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: LimitSchema(),
  cursor: CursorSchema,
})

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
    async (c) => {
      const q = c.req.valid('query')
      const conds: (SQL | undefined)[] = []
      if (q.action)
        conds.push(
          q.action.endsWith('.') ? ilike(auditLog.action, `${escapeLike(q.action)}%`) : eq(auditLog.action, q.action),
        )
      if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId))
      if (q.actor) conds.push(ilike(auditLog.actorEmail, `%${escapeLike(q.actor)}%`))
      if (q.targetType) conds.push(eq(auditLog.targetType, q.targetType))
      if (q.targetId) conds.push(eq(auditLog.targetId, q.targetId))
      if (q.from) conds.push(gte(auditLog.createdAt, new Date(q.from)))
      if (q.to) conds.push(lte(auditLog.createdAt, new Date(q.to)))
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor)
        conds.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${at}::timestamptz, ${id}::uuid)`)
      }
      const rows = await c
        .get('db')
        .select({ a: auditLog, actorName: users.name })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(...conds))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(q.limit + 1)
      const data = rows
        .slice(0, q.limit)
        .map(({ a, actorName }) => ({ ...a, actorName, createdAt: a.createdAt.toISOString() }))
      const last = data.at(-1)
      return c.json(
        { data, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null },
        200,
      )
    },
  )
}
