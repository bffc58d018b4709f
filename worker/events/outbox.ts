// Writes an event in the caller's transaction: it exists if and only if the data change commits.
import type { TxOrDb } from '../shared/tx.ts'
import { outbox } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import type { DomainEvent, EventType } from './event-types.ts'

export async function emitEvent(tx: TxOrDb, type: EventType, actor: AuthUser | null, data: Record<string, unknown>) {
  const id = crypto.randomUUID()
  const event: DomainEvent = {
    id,
    type,
    occurredAt: new Date().toISOString(),
    actor: actor ? { id: actor.id, email: actor.email } : null,
    data,
  }
  await tx.insert(outbox).values({ id, type, payload: event })
  return event
}
