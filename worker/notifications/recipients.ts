// Who may be told about a record: only users whose scope (worker/permissions/scope.ts) reads it,
// so a notification never reveals a record outside its recipient's scope.
import { and, eq, inArray, or } from 'drizzle-orm'
import { users } from '../db/schema.ts'
import type { Tx } from './notification.service.ts'

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

// Everyone whose screens show the record an event is about (admins, its team's managers and
// viewers, its owner or assignee): told {type:'changed'} so a live dashboard reloads its figures.
export async function watchersOf(db: Tx, data: Record<string, unknown>) {
  const record = Object.values(data).find((v) => v && typeof v === 'object' && 'id' in v) as
    | { teamId?: string | null; ownerId?: string | null; assigneeId?: string | null; userId?: string | null }
    | undefined
  if (!record) return []
  const people = [record.ownerId, record.assigneeId, record.userId].filter((x): x is string => Boolean(x))
  return ids(
    db,
    or(
      eq(users.role, 'admin'),
      record.teamId ? and(eq(users.teamId, record.teamId), inArray(users.role, ['manager', 'viewer'])) : undefined,
      people.length ? inArray(users.id, people) : undefined,
    ),
  )
}
