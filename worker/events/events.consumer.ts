// EVENTS queue consumer. At-least-once delivery: the processed_events row and the notifications
// commit together, so a redelivered event is acknowledged without doing anything twice. The
// events of a batch are independent (order is not promised) and run EVENT_CONCURRENCY at a time,
// each transaction on its own pooled connection: one after another, a batch of 50 took 50 times
// the round trips of one, and every webhook waited for the events queued before it
// (docs/decisions/007-webhooks.md, "Delivery latency").
import { sql } from 'drizzle-orm'
import { createDb, type Db } from '../db/client.ts'
import type { Env } from '../env.ts'
import { createLogger, type Logger } from '../http/logger.ts'
import { concurrently } from '../shared/concurrently.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { staleAfterEvent } from '../cache/invalidation.ts'
import { narrowDashboards } from '../dashboard/dashboard-invalidation.ts'
import { notificationsFor } from '../notifications/notification-rules.ts'
import { afterCommit, storeAndQueue } from '../notifications/delivery.service.ts'
import { EVENT_TYPES, type DomainEvent } from './event-types.ts'
import { enqueueWebhookJobs, recordWebhookMessages, type WebhookJob } from '../webhooks/fan-out.ts'

const CONSUMER = 'events'

const EVENT_CONCURRENCY = 8

export async function handleEventBatch(batch: MessageBatch<DomainEvent>, env: Env) {
  const log = createLogger({ consumer: CONSUMER })
  const { db, pool } = createDb(env, { max: EVENT_CONCURRENCY })
  try {
    await concurrently(batch.messages, EVENT_CONCURRENCY, (message) => handleEvent(db, env, log, message))
  } finally {
    await pool.end().catch(() => {})
  }
}

async function handleEvent(db: Db, env: Env, log: Logger, message: Message<DomainEvent>) {
  const event = message.body
  if (!event?.id || !(EVENT_TYPES as readonly string[]).includes(event.type)) {
    log.error('malformed event dropped', { body: event })
    message.ack()
    return
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
      return
    }
    // Sockets, webhooks and caches at once: none waits for another (the sockets' push starts first).
    await Promise.all([
      afterCommit(db, env, stored, event),
      enqueueWebhookJobs(env, webhookJobs).catch((error) =>
        log.warn('webhook jobs left to the sweep', { eventId: event.id, error: String(error) }),
      ),
      narrowDashboards(db, event.data, staleAfterEvent(event.type)).then((stale) => invalidateLists(env, ...stale)),
    ])
    message.ack()
  } catch (error) {
    log.error('event handling failed, will retry', { eventId: event.id, error: String(error) })
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) })
  }
}
