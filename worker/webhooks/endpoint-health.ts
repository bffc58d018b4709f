// An endpoint's health: a success clears its failure streak; 410 Gone, or failing without a single
// success for 5 days, disables it and tells every admin (a notification linking to its page).
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { webhooks } from '../db/schema.ts'
import { notifyAdmins } from '../notifications/catalogue.ts'
import type { DeliverEnv } from '../notifications/delivery.service.ts'
import type { TxOrDb } from '../shared/tx.ts'

export const DISABLE_AFTER_FAILING_DAYS = 5
export type DisabledReason = 'gone' | 'failing'

const REASON_TEXT: Record<DisabledReason, string> = {
  gone: 'le destinataire a répondu 410 Gone',
  failing: `aucune livraison réussie depuis ${DISABLE_AFTER_FAILING_DAYS} jours`,
}

// Written at most once a minute while healthy: concurrent deliveries to one busy endpoint would
// otherwise queue up on its row lock.
export async function recordSuccess(tx: TxOrDb, webhookId: string) {
  await tx.execute(sql`update webhooks set last_success_at = now(), failing_since = null
    where id = ${webhookId}
      and (failing_since is not null or last_success_at is null or last_success_at < now() - interval '1 minute')`)
}

// Returns the reason the endpoint was disabled by this failure, if it was.
export async function recordFailure(tx: TxOrDb, webhookId: string, gone: boolean): Promise<DisabledReason | null> {
  const rows = await tx.execute<{ failing_days: number }>(sql`
    update webhooks set failing_since = coalesce(failing_since, now()) where id = ${webhookId}
    returning extract(epoch from now() - failing_since) / 86400 as failing_days`)
  const reason: DisabledReason | null = gone
    ? 'gone'
    : Number(rows.rows[0]?.failing_days ?? 0) >= DISABLE_AFTER_FAILING_DAYS
      ? 'failing'
      : null
  if (!reason) return null
  const disabled = await tx
    .update(webhooks)
    .set({ isActive: false, disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.isActive, true)))
    .returning({ id: webhooks.id })
  return disabled.length ? reason : null
}

// Through the notification catalogue ('webhook.endpoint_disabled'): preferences, e-mail and live
// push apply as for every other notice. Sent once per disabling (recordFailure's transition).
export async function notifyAdminsDisabled(
  db: Db,
  env: DeliverEnv,
  hook: { id: string; url: string },
  reason: DisabledReason,
) {
  const [row] = await db
    .execute<{ failures: number }>(sql`
    select count(*)::int as failures from webhook_deliveries d join webhooks w on w.id = d.webhook_id
    where d.webhook_id = ${hook.id} and d.status = 'failed'
      and d.created_at >= coalesce(w.failing_since, now() - interval '1 minute')`)
    .then((r) => r.rows)
  await notifyAdmins(db, env, 'webhook.endpoint_disabled', {
    webhookId: hook.id,
    url: `${hook.url} (${REASON_TEXT[reason]})`,
    failures: Math.max(1, row?.failures ?? 1),
  })
}
