// EVENTS queue consumer. At-least-once delivery: the processed_events row and the notifications
// commit together, so a redelivered event is acknowledged without doing anything twice.
import { sql } from 'drizzle-orm'
import { withDb } from '../db/client.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { notificationsFor } from '../notifications/notification-rules.ts'
import { afterCommit, storeAndQueue } from '../notifications/delivery.service.ts'
import { EVENT_TYPES, type DomainEvent } from './event-types.ts'
import { fanOutWebhooks } from '../webhooks/fan-out.ts'

const CONSUMER = 'events'
const RESOURCE_OF: Record<string, string[]> = {
  organisation: ['organisations'],
  person: ['people'],
  mandat: ['mandates'],
  task: ['tasks'],
  interaction: ['interactions'],
}

export async function handleEventBatch(batch: MessageBatch<DomainEvent>, env: Env) {
  const log = createLogger({ consumer: CONSUMER })
  await withDb(env, async (db) => {
    for (const message of batch.messages) {
      const event = message.body
      if (!event?.id || !(EVENT_TYPES as readonly string[]).includes(event.type)) {
        log.error('malformed event dropped', { body: event })
        message.ack()
        continue
      }
      try {
        const stored = await db.transaction(async (tx) => {
          const claimed = await tx.execute(sql`insert into processed_events (event_id, consumer)
            values (${event.id}, ${CONSUMER}) on conflict do nothing returning event_id`)
          if (claimed.rows.length === 0) return null
          return storeAndQueue(tx, await notificationsFor(tx, event))
        })
        if (stored === null) {
          log.info('duplicate event skipped', { eventId: event.id })
          message.ack()
          continue
        }
        await invalidateLists(env, ...(RESOURCE_OF[event.type.split('.')[0]!] ?? []))
        await fanOutWebhooks(db, env, event)
        await afterCommit(db, env, stored, event.type)
        message.ack()
      } catch (error) {
        log.error('event handling failed, will retry', { eventId: event.id, error: String(error) })
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) })
      }
    }
  })
}
