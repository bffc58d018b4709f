// WEBHOOKS queue consumer. Each message is one attempt of one webhook_messages row; the row, not
// the queue, holds the attempt count and the schedule, so a retry is a new message sent with its
// own delay (a Queues delay stops at 12 h: longer waits hop). Messages of a batch run
// concurrently, each on its own pooled connection, and each settles alone: one bad message never
// fails the batch. The handler waits for them HANDOFF_MS at most: an attempt still running then
// (a slow endpoint, up to its 15 s timeout) finishes in waitUntil and its message is acked, so
// the next batch, other endpoints' deliveries, never waits for a slow endpoint (a queue's
// batches run one at a time locally, and a Workers invocation is billed and scaled by them).
// Acking early loses nothing: the claimed row is locked LOCK_SECONDS, and if this isolate dies
// mid-attempt the minute sweep re-queues the still-pending row.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { createDb, type Db } from '../db/client.ts'
import { webhookMessages, webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { createLogger, type Logger } from '../http/logger.ts'
import { isUuid } from '../shared/tx.ts'
import { attemptDelivery, type MessageRow } from './attempt.ts'
import { enqueueWebhookJobs, type WebhookJob } from './fan-out.ts'
import { MAX_QUEUE_DELAY_SECONDS } from './retry-schedule.ts'

// A claimed message is locked this long; a worker that dies mid-attempt frees it for the sweep.
const LOCK_SECONDS = 60
const EARLY_TOLERANCE_SECONDS = 1

const isJob = (body: unknown): body is WebhookJob =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as WebhookJob).messageId === 'string' &&
  isUuid((body as WebhookJob).messageId) &&
  Number.isInteger((body as WebhookJob).attempt) &&
  (body as WebhookJob).attempt >= 1

// Only the message for the row's next attempt, once due, wins the row: duplicates (a sweep and a
// late queue message) find nothing to claim.
async function claim(db: Db, job: WebhookJob): Promise<MessageRow | undefined> {
  const m = webhookMessages
  const [row] = await db
    .update(m)
    .set({
      attempts: sql`${m.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(m.id, job.messageId),
        eq(m.status, 'pending'),
        eq(m.attempts, job.attempt - 1),
        sql`${m.nextAttemptAt} <= now() + make_interval(secs => ${EARLY_TOLERANCE_SECONDS})`,
        or(isNull(m.lockedUntil), lt(m.lockedUntil, sql`now()`)),
      ),
    )
    .returning()
  return row
}

async function scheduleNext(env: Env, job: WebhookJob, at: Date) {
  const seconds = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((at.getTime() - Date.now()) / 1000)))
  await enqueueWebhookJobs(env, [job], seconds)
}

export async function deliverJob(db: Db, env: Env, job: WebhookJob, log: Logger) {
  const msg = await claim(db, job)
  if (!msg) {
    // Not claimable: stale or duplicate (drop it), or early because its wait exceeded 12 h (hop).
    const [row] = await db.select().from(webhookMessages).where(eq(webhookMessages.id, job.messageId))
    if (row?.status === 'pending' && row.attempts === job.attempt - 1 && row.nextAttemptAt.getTime() > Date.now()) {
      await scheduleNext(env, job, row.nextAttemptAt)
    }
    return
  }
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, msg.webhookId))
  if (!hook?.isActive) {
    // Disabled meanwhile: nothing is sent; a replay after re-enabling sends it again.
    await db
      .update(webhookMessages)
      .set({ status: 'cancelled', lockedUntil: null })
      .where(eq(webhookMessages.id, msg.id))
    return
  }
  const result = await attemptDelivery(db, env, hook, msg)
  if (result.nextAttemptAt) {
    await scheduleNext(env, { messageId: msg.id, attempt: job.attempt + 1 }, result.nextAttemptAt)
  } else if (!result.ok && result.deliveryId) {
    log.warn('webhook delivery failed for good', { webhookId: hook.id, eventId: msg.eventId, attempt: msg.attempts })
    // The last resort: the message goes to the dead-letter queue (recorded in the audit log).
    await env.WEBHOOKS_DLQ.send(
      { ...job, webhookId: hook.id, eventId: msg.eventId, responseStatus: result.responseStatus },
      { contentType: 'json' },
    )
  }
}

export const HANDOFF_MS = 2000
// Connections for a batch's claims and records; its POSTs are not bounded by it.
const DB_CONNECTIONS = 5

export async function handleWebhookBatch(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx?: Pick<ExecutionContext, 'waitUntil'>,
) {
  const log = createLogger({ consumer: 'webhooks' })
  const { db, pool } = createDb(env, { max: DB_CONNECTIONS })
  let handedOff = false
  const settled = new Set<Message<unknown>>()
  const all = Promise.all(
    batch.messages.map(async (message) => {
      if (!isJob(message.body)) {
        log.error('malformed webhook job dropped', { id: message.id })
        message.ack()
        settled.add(message)
        return
      }
      try {
        await deliverJob(db, env, message.body, log)
        if (!handedOff) message.ack()
      } catch (error) {
        log.error('webhook job failed, will retry', { id: message.id, error: String(error) })
        // Handed off already: acked, the row's lock expires and the sweep sends it again.
        if (!handedOff) message.retry({ delaySeconds: 10 })
      }
      settled.add(message)
    }),
  ).finally(() => pool.end().catch(() => {}))
  // Without a context to keep them alive (a direct call), wait for every attempt.
  if (!ctx) {
    await all
    return
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = await Promise.race([
    all.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), HANDOFF_MS)
    }),
  ])
  clearTimeout(timer)
  if (!late) return
  handedOff = true
  for (const message of batch.messages) if (!settled.has(message)) message.ack()
  ctx.waitUntil(all)
}
