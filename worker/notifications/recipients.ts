// Who may be told about a record: only users whose scope (worker/permissions/scope.ts) reads it,
// so a notification never reveals a record outside its recipient's scope.
import { and, eq, inArray, or } from 'drizzle-orm'
import { users } from '../db/schema.ts'
import type { Tx } from './delivery.service.ts'

export type RecordRef = { ownerId: string | null; teamId: string | null }

async function ids(db: Tx, where: ReturnType<typeof or>) {
  if (!where) return []
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isActive, true), where))
  return rows.map((r) => r.id)
}

// The owner (a sales user reads what they own) and the managers of the record's team.
export function ownerAndManagers(db: Tx, r: RecordRef) {
  return ids(
    db,
    or(
      r.ownerId ? eq(users.id, r.ownerId) : undefined,
      r.teamId ? and(eq(users.teamId, r.teamId), eq(users.role, 'manager')) : undefined,
    ),
  )
}

// "The team" as far as scope allows: managers and viewers of the record's team read every team
// record; a sales user only what they own.
export function teamReaders(db: Tx, r: RecordRef) {
  return ids(
    db,
    or(
      r.teamId ? and(eq(users.teamId, r.teamId), inArray(users.role, ['manager', 'viewer'])) : undefined,
      r.ownerId ? eq(users.id, r.ownerId) : undefined,
    ),
  )
}

export function teamManagers(db: Tx, teamId: string | null) {
  return ids(db, teamId ? and(eq(users.teamId, teamId), eq(users.role, 'manager')) : undefined)
}

export const justUser = (db: Tx, userId: string | null) => ids(db, userId ? eq(users.id, userId) : undefined)
