// The one map of which cached lists a write makes stale. A list shows names and scopes from
// other resources (a task shows its organisation's name; a sales user sees organisations through
// assigned tasks), so a write drops the lists of everything that displays or scopes by it.
// Routes declare what they write (apiRoute's `invalidates`, by default the resource of their
// permission); the events consumer maps an event to the same entries.
import type { EventType } from '../events/event-types.ts'

export const STALE_AFTER_WRITE = {
  organisations: ['organisations', 'people', 'mandates', 'interactions', 'tasks', 'products', 'dashboard'],
  people: ['people', 'interactions', 'tasks'],
  products: ['products', 'mandates'],
  mandates: ['mandates', 'dashboard'],
  interactions: ['interactions', 'organisations', 'dashboard'],
  tasks: ['tasks', 'organisations', 'dashboard'],
} as const satisfies Record<string, readonly string[]>

export type WrittenResource = keyof typeof STALE_AFTER_WRITE

export const isWrittenResource = (name: string): name is WrittenResource => name in STALE_AFTER_WRITE

// An event's subject ("mandat.signed" → mandates).
const RESOURCE_OF_SUBJECT: Record<string, WrittenResource> = {
  organisation: 'organisations',
  person: 'people',
  mandat: 'mandates',
  task: 'tasks',
  interaction: 'interactions',
  product: 'products',
}

export function staleAfter(...written: WrittenResource[]): string[] {
  return [...new Set(written.flatMap((r) => STALE_AFTER_WRITE[r]))]
}

export function staleAfterEvent(type: EventType): string[] {
  const resource = RESOURCE_OF_SUBJECT[type.split('.')[0]!]
  return resource ? staleAfter(resource) : []
}
