// An endpoint's health: a success clears its failure streak; 410 Gone, or failing without a single
// success for 5 days, disables it and tells every admin (a notification linking to its page).
import { and, eq, sql } from 'drizzle-orm'
import { users, webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { pushToUser, storeNotifications, toNotificationDto } from '../notifications/notification.service.ts'
import type { TxOrDb } from '../shared/tx.ts'

export const DISABLE_AFTER_FAILING_DAYS = 5
export const WEBHOOK_DISABLED_NOTIFICATION = 'webhook.disabled'
export type DisabledReason = 'gone' | 'failing'

const REASON_TEXT: Record<DisabledReason, string> = {
  gone: 'le destinataire a répondu 410 Gone',
  failing: `aucune livraison réussie depuis ${DISABLE_AFTER_FAILING_DAYS} jours`,
}

export async function recordSuccess(tx: TxOrDb, webhookId: string) {
  await tx.execute(sql`update webhooks set last_success_at = now(), failing_since = null where id = ${webhookId}`)
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

export async function notifyAdminsDisabled(
  tx: TxOrDb,
  env: Pick<Env, 'NOTIFICATION_HUB'>,
  hook: { id: string; url: string },
  reason: DisabledReason,
) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
  const stored = await storeNotifications(
    tx,
    admins.map((a) => ({
      userId: a.id,
      type: WEBHOOK_DISABLED_NOTIFICATION,
      priority: 'HIGH' as const,
      title: 'Webhook désactivé',
      message: `${hook.url} : ${REASON_TEXT[reason]}. Réactivez-le pour rejouer ce qu’il a manqué.`,
      link: `/admin/webhooks/${hook.id}`,
    })),
  )
  // Best effort: the notification is stored and listed on next load anyway.
  await Promise.allSettled(
    stored.map((n) => pushToUser(env, n.userId, { type: 'notification', notification: toNotificationDto(n) })),
  )
}
