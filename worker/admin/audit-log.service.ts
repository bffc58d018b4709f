// The audit log as admins browse it: newest first, filtered by action, actor, target, dates.
// Entries are written by worker/audit/audit.ts; this file only reads them.
import { and, desc, eq, gte, ilike, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { auditLog, users } from '../db/schema.ts'
import { encodeCursor, ms, timeKeyset } from '../shared/cursor.ts'
import { escapeLike } from '../shared/like.ts'
import type { AuditQuery } from './audit-log.schema.ts'

// Newest first at the millisecond, as the cursor carries the time (audit_log_order_idx, 0016).
const ORDER_TIME = ms(auditLog.createdAt)

function auditFilters(q: AuditQuery) {
  const conds: (SQL | undefined)[] = []
  if (q.action)
    conds.push(
      q.action.endsWith('.') ? ilike(auditLog.action, `${escapeLike(q.action)}%`) : eq(auditLog.action, q.action),
    )
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId))
  if (q.actor) conds.push(ilike(auditLog.actorEmail, `%${escapeLike(q.actor)}%`))
  if (q.targetType) conds.push(eq(auditLog.targetType, q.targetType))
  if (q.targetId) conds.push(eq(auditLog.targetId, q.targetId))
  // Each date bound twice, as the interactions' (the second, implied, bounds the index range).
  if (q.from) conds.push(gte(auditLog.createdAt, new Date(q.from)), gte(ORDER_TIME, new Date(q.from)))
  if (q.to) conds.push(lte(auditLog.createdAt, new Date(q.to)), lte(ORDER_TIME, new Date(q.to)))
  if (q.cursor) conds.push(sql`(${ORDER_TIME}, ${auditLog.id}) < ${timeKeyset(q.cursor)}`)
  return and(...conds)
}

export async function listAuditLog(db: Db, q: AuditQuery) {
  const rows = await db
    .select({ a: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(auditFilters(q))
    .orderBy(desc(ORDER_TIME), desc(auditLog.id))
    .limit(q.limit + 1)
  const data = rows
    .slice(0, q.limit)
    .map(({ a, actorName }) => ({ ...a, actorName, createdAt: a.createdAt.toISOString() }))
  const last = data.at(-1)
  return { data, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null }
}
