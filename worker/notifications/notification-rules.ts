// Which event notifies whom. Recipients are users who may see the record (owner, team), so a
// notification never leaks a record outside its reader's scope.
import { and, eq, inArray, or } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { users } from '../db/schema.ts'
import type { DomainEvent } from '../events/event-types.ts'
import type { NewNotification } from './notification.service.ts'

type OrgRef = { id: string; name: string; ownerId: string | null; teamId: string | null }
const STAGE_LABELS: Record<string, string> = {
  PROSPECT: 'Prospect',
  QUALIFICATION: 'Qualification',
  PROPOSITION: 'Proposition',
  SIGNE: 'Signé',
}

async function ownerAndManagers(db: Db, org: OrgRef) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.isActive, true),
        or(
          org.ownerId ? eq(users.id, org.ownerId) : undefined,
          org.teamId ? and(eq(users.teamId, org.teamId), eq(users.role, 'manager')) : undefined,
        ),
      ),
    )
  return rows.map((r) => r.id)
}

// "The team" as far as the record's scope allows: managers and viewers of its team read every
// team record; a sales user only the records they own (the owner is added by the caller).
async function teamReaders(db: Db, teamId: string | null, ownerId: string | null) {
  if (!teamId && !ownerId) return []
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.isActive, true),
        or(
          teamId ? and(eq(users.teamId, teamId), inArray(users.role, ['manager', 'viewer'])) : undefined,
          ownerId ? eq(users.id, ownerId) : undefined,
        ),
      ),
    )
  return rows.map((r) => r.id)
}

export async function notificationsFor(db: Db, event: DomainEvent): Promise<NewNotification[]> {
  const base = { eventId: event.id, type: event.type }
  switch (event.type) {
    case 'organisation.created': {
      const org = event.data.organisation as OrgRef
      return (await ownerAndManagers(db, org)).map((userId) => ({
        ...base,
        userId,
        title: 'Nouvelle organisation',
        message: `${org.name} a été créée.`,
        link: `/organisations/${org.id}`,
      }))
    }
    case 'organisation.stage_changed': {
      const org = event.data.organisation as OrgRef
      const to = String(event.data.to)
      const signed = to === 'SIGNE'
      const recipients = signed ? await teamReaders(db, org.teamId, org.ownerId) : await ownerAndManagers(db, org)
      return recipients
        .filter((id) => signed || id !== event.actor?.id)
        .map((userId) => ({
          ...base,
          userId,
          priority: signed ? 'HIGH' : 'NORMAL',
          title: signed ? 'Organisation signée 🎉' : 'Étape du pipeline modifiée',
          message: `${org.name} : ${STAGE_LABELS[String(event.data.from)] ?? '—'} → ${STAGE_LABELS[to]}`,
          link: `/organisations/${org.id}`,
        }))
    }
    case 'task.created':
    case 'task.assigned': {
      const task = event.data.task as { id: string; title: string; assigneeId: string | null }
      if (!task.assigneeId || task.assigneeId === event.actor?.id) return []
      return [{ ...base, userId: task.assigneeId, title: 'Nouvelle tâche', message: task.title, link: '/tasks' }]
    }
    case 'mandat.signed': {
      const m = event.data.mandate as { id: string; number: string; teamId: string | null; ownerId?: string | null }
      return (await teamReaders(db, m.teamId, m.ownerId ?? null)).map((userId) => ({
        ...base,
        userId,
        priority: 'HIGH',
        title: 'Mandat signé',
        message: `Le mandat ${m.number} est signé.`,
        link: `/mandats/${m.id}`,
      }))
    }
    default:
      return []
  }
}
