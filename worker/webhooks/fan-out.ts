// An event becomes one webhook_messages row per subscribed, active endpoint, written in the same
// transaction that marks the event processed, so a crash can never lose it; queue messages are
// sent after the commit, and the minute sweep (webhooks.cron.ts) sends whatever a crash missed.
import { sql } from 'drizzle-orm'
import type { Env } from '../env.ts'
import type { DomainEvent } from '../events/event-types.ts'
import type { TxOrDb } from '../shared/tx.ts'
import { ALL_EVENTS } from './webhook.schema.ts'

// The queue message: which row, and which attempt it is for (a stale duplicate is then dropped).
export type WebhookJob = { messageId: string; attempt: number }

export async function recordWebhookMessages(tx: TxOrDb, event: DomainEvent): Promise<WebhookJob[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    insert into webhook_messages (webhook_id, event_id, event_type, payload)
    select w.id, ${event.id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb
    from webhooks w
    where w.is_active and (${event.type} = any(w.events) or ${ALL_EVENTS} = any(w.events))
    on conflict (webhook_id, event_id) do nothing
    returning id`)
  return rows.rows.map((r) => ({ messageId: r.id, attempt: 1 }))
}

const BATCH = 100 // Queues sendBatch accepts at most 100 messages.

export async function enqueueWebhookJobs(env: Pick<Env, 'WEBHOOKS_QUEUE'>, jobs: WebhookJob[], delaySeconds = 0) {
  for (let i = 0; i < jobs.length; i += BATCH) {
    await env.WEBHOOKS_QUEUE.sendBatch(
      jobs.slice(i, i + BATCH).map((body) => ({ body, contentType: 'json' as const, delaySeconds })),
    )
  }
}
