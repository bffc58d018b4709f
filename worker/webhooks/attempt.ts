// One delivery attempt of a claimed message: sign with every live secret, POST, then record the
// attempt, the message's next step and the endpoint's health in one transaction.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { webhookDeliveries, type webhookMessages, type webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import type { DeliverEnv } from '../notifications/delivery.service.ts'
import { notifyAdminsDisabled, recordFailure, recordSuccess } from './endpoint-health.ts'
import { type AttemptOutcome, postOnce } from './http-post.ts'
import { nextRetryDelaySeconds } from './retry-schedule.ts'
import { openSecret } from './secret-box.ts'
import { webhookHeaders } from './signature.ts'
import { refuseWebhookUrl, urlPolicy } from './url-guard.ts'

export type MessageRow = typeof webhookMessages.$inferSelect
export type WebhookRow = typeof webhooks.$inferSelect
export type AttemptResult = AttemptOutcome & { deliveryId: string; nextAttemptAt: Date | null }
type AttemptEnv = Pick<Env, 'WEBHOOK_SECRET_KEY' | 'ENVIRONMENT' | 'APP_URL'> & DeliverEnv

export async function liveSecrets(env: AttemptEnv, hook: WebhookRow, now = Date.now()) {
  const secrets = [await openSecret(env, hook.secret)]
  if (hook.previousSecret && hook.previousSecretExpiresAt && hook.previousSecretExpiresAt.getTime() > now) {
    secrets.push(await openSecret(env, hook.previousSecret))
  }
  return secrets
}

async function send(env: AttemptEnv, hook: WebhookRow, message: MessageRow): Promise<AttemptOutcome> {
  const refused = await refuseWebhookUrl(hook.url, urlPolicy(env))
  if (refused) return { ok: false, responseStatus: null, excerpt: refused, durationMs: 0, retryAfterSeconds: null }
  const body = JSON.stringify(message.payload)
  const timestamp = Math.floor(Date.now() / 1000)
  const headers = await webhookHeaders(await liveSecrets(env, hook), message.eventId, timestamp, body)
  return postOnce(hook.url, headers, body)
}

// `retry: false` (a test event) records a single attempt whatever the answer.
export async function attemptDelivery(
  db: Db,
  env: AttemptEnv,
  hook: WebhookRow,
  message: MessageRow,
  { retry = true }: { retry?: boolean } = {},
): Promise<AttemptResult> {
  const outcome = await send(env, hook, message)
  const gone = outcome.responseStatus === 410
  const delay =
    outcome.ok || gone || !retry
      ? null
      : nextRetryDelaySeconds(message.attempts, { retryAfterSeconds: outcome.retryAfterSeconds })
  const nextAttemptAt = delay === null ? null : new Date(Date.now() + delay * 1000)
  const status = outcome.ok ? 'succeeded' : 'failed'
  const { deliveryId, disabled } = await db.transaction(async (tx) => {
    const still = await tx.execute(sql`update webhook_messages set
      status = ${nextAttemptAt ? 'pending' : status},
      next_attempt_at = coalesce(${nextAttemptAt?.toISOString() ?? null}::timestamptz, next_attempt_at),
      locked_until = null, updated_at = now()
      where id = ${message.id} returning id`)
    // The endpoint was deleted while its answer was awaited: nothing left to record.
    if (still.rows.length === 0) return { deliveryId: '', disabled: null }
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        webhookId: hook.id,
        messageId: message.id,
        eventId: message.eventId,
        eventType: message.eventType,
        attempt: message.attempts,
        status,
        responseStatus: outcome.responseStatus,
        responseBody: outcome.excerpt,
        durationMs: outcome.durationMs,
        nextRetryAt: nextAttemptAt,
      })
      .returning({ id: webhookDeliveries.id })
    if (outcome.ok) {
      await recordSuccess(tx, hook.id)
      return { deliveryId: row!.id, disabled: null }
    }
    return { deliveryId: row!.id, disabled: await recordFailure(tx, hook.id, gone) }
  })
  if (disabled) await notifyAdminsDisabled(db, env, hook, disabled)
  return { ...outcome, deliveryId, nextAttemptAt: deliveryId ? nextAttemptAt : null }
}
