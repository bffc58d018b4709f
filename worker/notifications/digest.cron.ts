// Daily: one e-mail per user gathering the notification e-mails they chose to receive as a
// digest (and any immediate e-mail that failed to send), each with its link back to the CRM.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { notificationEmails, users } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { mailerFor } from '../mail/mailer.ts'
import { type DeliverEnv, linkBack } from './delivery.service.ts'

const MAX_ITEMS = 50

export async function sendDigests(db: Db, env: DeliverEnv) {
  const pending = await db
    .select({ e: notificationEmails, to: users.email, name: users.name })
    .from(notificationEmails)
    .innerJoin(users, and(eq(users.id, notificationEmails.userId), eq(users.isActive, true)))
    .where(isNull(notificationEmails.sentAt))
    .orderBy(asc(notificationEmails.userId), asc(notificationEmails.createdAt))
  const byUser = new Map<string, typeof pending>()
  for (const p of pending) byUser.set(p.e.userId, [...(byUser.get(p.e.userId) ?? []), p])
  const log = createLogger({ cron: 'notification-digest' })
  const mailer = mailerFor(env as Env, db, log)
  let sent = 0
  for (const items of byUser.values()) {
    const shown = items.slice(0, MAX_ITEMS)
    const lines = shown.map(({ e }) => `• ${e.title}${e.message ? ` — ${e.message}` : ''}\n  ${linkBack(env, e.link)}`)
    const more = items.length > MAX_ITEMS ? `\n… et ${items.length - MAX_ITEMS} autre(s) dans le CRM.` : ''
    try {
      await mailer.send({
        to: items[0]!.to,
        subject: `[CRM] Votre résumé du jour : ${items.length} notification(s)`,
        text:
          `Bonjour ${items[0]!.name},\n\n${lines.join('\n\n')}${more}\n\nToutes vos notifications : ` +
          `${linkBack(env, '/notifications')}\nGérer vos notifications : ${linkBack(env, '/account/notifications')}`,
      })
      await db
        .update(notificationEmails)
        .set({ sentAt: new Date() })
        .where(
          inArray(
            notificationEmails.id,
            items.map((i) => i.e.id),
          ),
        )
      sent++
    } catch (error) {
      // One user's failure must not stop the others' digests; the rows stay for tomorrow.
      log.warn('digest not sent', { userId: items[0]!.e.userId, error: String(error) })
    }
  }
  return sent
}
