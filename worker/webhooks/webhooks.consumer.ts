// WEBHOOKS queue consumer: one signed POST per message, every attempt recorded; failures retry
// with backoff and end in the dead-letter queue after max_retries.
import { eq } from 'drizzle-orm'
import { withDb } from '../db/client.ts'
import { webhookDeliveries, webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import type { WebhookJob } from './fan-out.ts'
import { signWebhook } from './signature.ts'

const TIMEOUT_MS = 10_000

export async function handleWebhookBatch(batch: MessageBatch<WebhookJob>, env: Env) {
  const log = createLogger({ consumer: 'webhooks' })
  await withDb(env, async (db) => {
    for (const message of batch.messages) {
      const { webhookId, event } = message.body
      const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, webhookId))
      if (!hook || !hook.isActive) {
        message.ack()
        continue
      }
      const body = JSON.stringify(event)
      const timestamp = Math.floor(Date.now() / 1000)
      const started = Date.now()
      let status = 'failed'
      let responseStatus: number | null = null
      let responseBody: string | null = null
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'webhook-id': event.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': await signWebhook(hook.secret, event.id, timestamp, body),
          },
          body,
        })
        responseStatus = res.status
        responseBody = (await res.text()).slice(0, 2000)
        status = res.ok ? 'succeeded' : 'failed'
      } catch (error) {
        responseBody = String(error).slice(0, 2000)
      }
      await db.insert(webhookDeliveries).values({
        webhookId,
        eventId: event.id,
        eventType: event.type,
        attempt: message.attempts,
        status,
        responseStatus,
        responseBody,
        durationMs: Date.now() - started,
      })
      if (status === 'succeeded') message.ack()
      else {
        log.warn('webhook delivery failed', { webhookId, eventId: event.id, responseStatus, attempt: message.attempts })
        message.retry({ delaySeconds: Math.min(3600, 30 * 2 ** message.attempts) })
      }
    }
  })
}
