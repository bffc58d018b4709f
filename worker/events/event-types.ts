// Event names (DESIGN.md "Events and webhooks"): the only list of them.
export const EVENT_TYPES = [
  'organisation.created',
  'organisation.updated',
  'organisation.deleted',
  'organisation.stage_changed',
  'person.created',
  'person.updated',
  'person.deleted',
  'mandat.created',
  'mandat.updated',
  'mandat.signed',
  'task.created',
  'task.assigned',
  'task.completed',
  'interaction.created',
  'import.completed',
  'import.failed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]
// Sent to one webhook endpoint on demand ("Envoyer un test"); never emitted by a write.
export const WEBHOOK_TEST_EVENT = 'webhook.test'

export type DomainEvent<T = Record<string, unknown>> = {
  id: string
  type: EventType
  occurredAt: string
  actor: { id: string; email: string } | null
  data: T
}
