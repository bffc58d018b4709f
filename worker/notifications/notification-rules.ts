// Which domain event notifies whom (recipients.ts keeps them within the record's scope); the
// wording lives in the catalogue. The actor is never told of their own act.
import type { DomainEvent } from '../events/event-types.ts'
import { renderFor } from './catalogue.ts'
import type { Outgoing, Tx } from './delivery.service.ts'
import { justUser, ownerAndManagers, teamReaders } from './recipients.ts'
import type { OrganisationDto } from '../organisations/organisation.service.ts'
import type { TaskDto } from '../tasks/task.service.ts'
import type { MandateDto } from '../mandates/mandate.service.ts'

// Events carry each record as its API returns it; the rules read only these fields of it (`?? null`:
// an event stored before, replayed from the outbox, may hold an older, shorter reference).
type OrgRef = Pick<OrganisationDto, 'id' | 'name' | 'ownerId' | 'teamId'>
type TaskRef = Pick<TaskDto, 'id' | 'title' | 'assigneeId' | 'organisationId'>
type MandateRef = Pick<MandateDto, 'id' | 'number' | 'organisationName' | 'teamId' | 'ownerId'>

export async function notificationsFor(db: Tx, event: DomainEvent): Promise<Outgoing[]> {
  const opts = { eventId: event.id, actorId: event.actor?.id ?? null }
  switch (event.type) {
    case 'organisation.created': {
      const org = event.data.organisation as OrgRef
      const params = { organisationId: org.id, name: org.name }
      return renderFor(await ownerAndManagers(db, org), 'organisation.created', params, opts)
    }
    case 'organisation.stage_changed': {
      const org = event.data.organisation as OrgRef
      const params = { organisationId: org.id, name: org.name }
      if (event.data.to === 'SIGNE') return renderFor(await teamReaders(db, org), 'organisation.signed', params, opts)
      const stage = { ...params, from: String(event.data.from), to: String(event.data.to) }
      return renderFor(await ownerAndManagers(db, org), 'organisation.stage_changed', stage, opts)
    }
    case 'task.created':
    case 'task.assigned': {
      const task = event.data.task as TaskRef
      const params = { taskId: task.id, title: task.title, organisationId: task.organisationId ?? null }
      return renderFor(await justUser(db, task.assigneeId), 'task.assigned', params, opts)
    }
    case 'mandat.signed': {
      const m = event.data.mandate as MandateRef
      const params = { mandateId: m.id, number: m.number, organisationName: m.organisationName ?? null }
      const readers = await teamReaders(db, { teamId: m.teamId, ownerId: m.ownerId ?? null })
      return renderFor(readers, 'mandat.signed', params, opts)
    }
    default:
      return []
  }
}
