// The delivery log of an endpoint (one row per attempt), a test event, and sending again: one
// delivery, or everything an endpoint did not receive since a date.
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import type { Db } from '../db/client.ts'
import { webhookDeliveries, webhookMessages } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { WEBHOOK_TEST_EVENT } from '../events/event-types.ts'
import { conflict, notFound } from '../http/problem.ts'
import { decodeCursor, encodeCursor, iso } from '../shared/cursor.ts'
import { isUuid, type Tx } from '../shared/tx.ts'
import { attemptDelivery, type WebhookRow } from './attempt.ts'
import { enqueueWebhookJobs, type WebhookJob } from './fan-out.ts'
import { ALL_EVENTS } from './webhook.schema.ts'
import { findWebhook } from './webhook.service.ts'

type DeliveryRow = typeof webhookDeliveries.$inferSelect
const REPLAY_LIMIT = 10_000

export const toDeliveryDto = (d: DeliveryRow) => ({
  id: d.id,
  messageId: d.messageId,
  eventId: d.eventId,
  eventType: d.eventType,
  attempt: d.attempt,
  status: d.status as 'succeeded' | 'failed',
  responseStatus: d.responseStatus,
  responseExcerpt: d.responseBody,
  durationMs: d.durationMs,
  nextRetryAt: iso(d.nextRetryAt),
  createdAt: iso(d.createdAt)!,
})

export async function listDeliveries(
  db: Db,
  webhookId: string,
  q: { status?: string; eventType?: string; cursor?: string; limit: number },
) {
  await findWebhook(db, webhookId)
  const d = webhookDeliveries
  const conds: (SQL | undefined)[] = [eq(d.webhookId, webhookId)]
  if (q.status) conds.push(eq(d.status, q.status))
  if (q.eventType) conds.push(eq(d.eventType, q.eventType))
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor)
    const when = new Date(String(at))
    conds.push(or(lt(d.createdAt, when), and(eq(d.createdAt, when), lt(d.id, id))))
  }
  const rows = await db
    .select()
    .from(d)
    .where(and(...conds))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(q.limit + 1)
  const more = rows.length > q.limit
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return { data: page.map(toDeliveryDto), nextCursor: more && last ? encodeCursor(iso(last.createdAt), last.id) : null }
}

export async function sendTestEvent(db: Db, env: Env, hook: WebhookRow, user: AuthUser | null) {
  const id = crypto.randomUUID()
  const payload = {
    id,
    type: WEBHOOK_TEST_EVENT,
    occurredAt: new Date().toISOString(),
    actor: user ? { id: user.id, email: user.email } : null,
    data: { webhookId: hook.id, message: 'Événement de test envoyé depuis le CRM.' },
  }
  const [message] = await db
    .insert(webhookMessages)
    .values({ webhookId: hook.id, eventId: id, eventType: WEBHOOK_TEST_EVENT, payload, attempts: 1 })
    .returning()
  const result = await attemptDelivery(db, env, hook, message!, { retry: false })
  return {
    deliveryId: result.deliveryId,
    eventId: id,
    status: result.ok ? ('succeeded' as const) : ('failed' as const),
    responseStatus: result.responseStatus,
    responseExcerpt: result.excerpt,
    durationMs: result.durationMs,
  }
}

// Sends the delivery's event again, with the same webhook-id so the receiver can dedupe. `record`
// writes the audit entry in the transaction of the change; the job is queued once both committed
// (a consumer must find the message pending).
export async function redeliver(db: Db, env: Env, deliveryId: string, record: (tx: Tx) => Promise<void>) {
  if (!isUuid(deliveryId)) throw notFound()
  const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId))
  if (!delivery) throw notFound()
  const hook = await findWebhook(db, delivery.webhookId)
  if (!hook.isActive) throw conflict('Ce webhook est désactivé : réactivez-le avant de renvoyer.')
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .execute<{ attempts: number }>(sql`
      update webhook_messages set
        attempts = case when status = 'pending' then attempts else 0 end,
        status = 'pending', next_attempt_at = now(), locked_until = null, updated_at = now()
      where id = ${delivery.messageId} returning attempts`)
      .then((r) => r.rows)
    if (!row) throw notFound()
    await record(tx)
    return row
  })
  await enqueueWebhookJobs(env, [{ messageId: delivery.messageId, attempt: Number(row.attempts) + 1 }])
  return { messageId: delivery.messageId, eventId: delivery.eventId }
}

// Every event since `since` the endpoint subscribes to and did not receive (failed, cancelled
// while disabled, or never queued because it was disabled), taken from the event log (outbox).
export async function replaySince(
  db: Db,
  env: Env,
  webhookId: string,
  since: Date,
  record: (tx: Tx, result: { queued: number }) => Promise<void>,
) {
  const hook = await findWebhook(db, webhookId)
  if (!hook.isActive) throw conflict('Ce webhook est désactivé : réactivez-le avant de rejouer.')
  const all = hook.events.includes(ALL_EVENTS)
  const rows = await db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
    insert into webhook_messages (webhook_id, event_id, event_type, payload)
    select ${hook.id}::uuid, o.id, o.type, o.payload from outbox o
    where o.created_at >= ${since.toISOString()}::timestamptz
      and (${all} or o.type in (${sql.join(
        hook.events.map((e) => sql`${e}`),
        sql`, `,
      )}))
    order by o.created_at
    limit ${REPLAY_LIMIT}
    on conflict (webhook_id, event_id) do update set status = 'pending', attempts = 0, next_attempt_at = now(),
      locked_until = null, updated_at = now()
      where webhook_messages.status in ('failed', 'cancelled')
    returning id`)
    await record(tx, { queued: rows.rows.length })
    return rows
  })
  const jobs: WebhookJob[] = rows.rows.map((r) => ({ messageId: r.id, attempt: 1 }))
  await enqueueWebhookJobs(env, jobs)
  return { queued: jobs.length }
}
