// EVENTS queue consumer. At-least-once delivery: the processed_events row and the notifications
// commit together, so a redelivered event is acknowledged without doing anything twice.
import { sql } from 'drizzle-orm'
import { withDb } from '../db/client.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { staleAfterEvent } from '../cache/invalidation.ts'
import { narrowDashboards } from '../dashboard/dashboard-invalidation.ts'
import { notificationsFor } from '../notifications/notification-rules.ts'
import { afterCommit, storeAndQueue } from '../notifications/delivery.service.ts'
import { EVENT_TYPES, type DomainEvent } from './event-types.ts'
import { enqueueWebhookJobs, recordWebhookMessages, type WebhookJob } from '../webhooks/fan-out.ts'

const CONSUMER = 'events'

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
        let webhookJobs: WebhookJob[] = []
        const stored = await db.transaction(async (tx) => {
          const claimed = await tx.execute(sql`insert into processed_events (event_id, consumer)
            values (${event.id}, ${CONSUMER}) on conflict do nothing returning event_id`)
          if (claimed.rows.length === 0) return null
          // Committed with the claim, so a crash after it cannot lose a webhook (the sweep sends it).
          webhookJobs = await recordWebhookMessages(tx, event)
          return storeAndQueue(tx, await notificationsFor(tx, event))
        })
        if (stored === null) {
          log.info('duplicate event skipped', { eventId: event.id })
          message.ack()
          continue
        }
        // The sockets first: the rest does not change what a user sees in the next milliseconds.
        await Promise.all([
          afterCommit(db, env, stored, event),
          narrowDashboards(db, event.data, staleAfterEvent(event.type)).then((stale) => invalidateLists(env, ...stale)),
          enqueueWebhookJobs(env, webhookJobs).catch((error) =>
            log.warn('webhook jobs left to the sweep', { eventId: event.id, error: String(error) }),
          ),
        ])
        message.ack()
      } catch (error) {
        log.error('event handling failed, will retry', { eventId: event.id, error: String(error) })
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) })
      }
    }
  })
}
