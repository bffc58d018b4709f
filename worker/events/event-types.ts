// Event names (DESIGN.md "Events and webhooks"): the only list of them. Each write emits one
// `<record>.created|updated|deleted` event whose data holds the record as the API returns it
// (a restore from the bin is an `.updated` with `restored: true`); a few moves add their own
// event (`stage_changed`, `mandat.signed`, `task.assigned`, `task.completed`).
// tests/api/events-every-write.test.ts fails for a write route of the API that emits none.
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
  'mandat.deleted',
  'task.created',
  'task.updated',
  'task.assigned',
  'task.completed',
  'task.deleted',
  'interaction.created',
  'interaction.updated',
  'interaction.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
  'import.completed',
  'import.failed',
  'import.reverted',
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
