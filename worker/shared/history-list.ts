// Reads a record's history (who, when, what changed), newest first, with the authors' names.
import { and, desc, eq, sql } from 'drizzle-orm'
import { recordHistory, users } from '../db/schema.ts'
import { encodeCursor, iso, ms, timeKeyset } from './cursor.ts'
import type { TxOrDb } from './tx.ts'

export async function listHistory(
  db: TxOrDb,
  entityType: string,
  entityId: string,
  q: { limit: number; cursor?: string },
) {
  const conds = [eq(recordHistory.entityType, entityType), eq(recordHistory.entityId, entityId)]
  if (q.cursor) conds.push(sql`(${ms(recordHistory.createdAt)}, ${recordHistory.id}) < ${timeKeyset(q.cursor)}`)
  const rows = await db
    .select({ h: recordHistory, actorName: users.name })
    .from(recordHistory)
    .leftJoin(users, eq(users.id, recordHistory.actorId))
    .where(and(...conds))
    .orderBy(desc(ms(recordHistory.createdAt)), desc(recordHistory.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)?.h
  return {
    data: page.map(({ h, actorName }) => ({
      id: h.id,
      action: h.action,
      actorId: h.actorId,
      actorName: actorName ?? null,
      changes: Object.entries(h.changes ?? {}).map(([field, c]) => ({ field, from: c.from, to: c.to })),
      createdAt: iso(h.createdAt)!,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(iso(last.createdAt), last.id) : null,
  }
}
