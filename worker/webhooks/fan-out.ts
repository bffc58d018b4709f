// An event becomes one WEBHOOKS queue message per subscribed, active endpoint.
import { and, arrayContains, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import type { DomainEvent } from '../events/event-types.ts'

export type WebhookJob = { webhookId: string; event: DomainEvent }

export async function fanOutWebhooks(db: Db, env: Pick<Env, 'WEBHOOKS_QUEUE'>, event: DomainEvent) {
  const hooks = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.isActive, true), arrayContains(webhooks.events, [event.type])))
  if (hooks.length === 0) return
  await env.WEBHOOKS_QUEUE.sendBatch(hooks.map((h) => ({ body: { webhookId: h.id, event } satisfies WebhookJob })))
}
