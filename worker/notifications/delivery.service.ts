// Delivery of rendered notifications: preferences decide what is stored (in-app) and what is
// e-mailed; storing and queueing the e-mails happen in the caller's transaction, pushing and
// sending only after it commits (a client never sees a notification that could roll back).
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { notificationEmails, notificationPreferences, notificationSettings, users } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { mailerFor } from '../mail/mailer.ts'
import {
  type NewNotification,
  pushToUser,
  storeNotifications,
  type Tx,
  toNotificationDto,
} from './notification.service.ts'
import { watchersOf } from './recipients.ts'

export type { Tx }
export type DeliverEnv = Pick<
  Env,
  'NOTIFICATION_HUB' | 'APP_URL' | 'ENVIRONMENT' | 'MAIL_API_URL' | 'MAIL_API_KEY' | 'MAIL_FROM'
>
export type Outgoing = NewNotification & { expiresAt: Date; forced: boolean; emailByDefault: boolean }
export type Planned = { stored: Awaited<ReturnType<typeof storeNotifications>>; emailIds: string[] }

// Only rows a user changed are stored; everything else is the catalogue's default.
async function choices(tx: Tx, items: Outgoing[]) {
  const userIds = [...new Set(items.map((i) => i.userId))]
  const [prefs, settings] = await Promise.all([
    tx
      .select()
      .from(notificationPreferences)
      .where(
        and(
          inArray(notificationPreferences.userId, userIds),
          inArray(notificationPreferences.type, [...new Set(items.map((i) => i.type))]),
        ),
      ),
    tx.select().from(notificationSettings).where(inArray(notificationSettings.userId, userIds)),
  ])
  const pref = new Map(prefs.map((p) => [`${p.userId}:${p.type}`, p]))
  const digest = new Set(settings.filter((s) => s.emailDigest).map((s) => s.userId))
  return (item: Outgoing) => {
    const p = pref.get(`${item.userId}:${item.type}`)
    return {
      inApp: item.forced || (p?.inApp ?? true),
      email: item.forced || (p?.email ?? item.emailByDefault),
      // Security notices never wait for the digest.
      digest: !item.forced && digest.has(item.userId),
    }
  }
}

export async function storeAndQueue(tx: Tx, items: Outgoing[]): Promise<Planned> {
  if (items.length === 0) return { stored: [], emailIds: [] }
  const choose = await choices(tx, items)
  const decided = items.map((item) => ({ item, ...choose(item) }))
  const stored = await storeNotifications(
    tx,
    decided.filter((d) => d.inApp).map(({ item: { forced, emailByDefault, ...row } }) => row),
  )
  const mails = decided.filter((d) => d.email)
  const emailIds =
    mails.length === 0
      ? []
      : (
          await tx
            .insert(notificationEmails)
            .values(
              mails.map(({ item, digest }) => ({
                userId: item.userId,
                type: item.type,
                title: item.title,
                message: item.message ?? null,
                link: item.link ?? null,
                digest,
              })),
            )
            .returning({ id: notificationEmails.id, digest: notificationEmails.digest })
        )
          .filter((m) => !m.digest)
          .map((m) => m.id)
  return { stored, emailIds }
}

export const linkBack = (env: Pick<Env, 'APP_URL'>, link: string | null | undefined) =>
  link ? (/^https?:\/\//.test(link) ? link : `${env.APP_URL.replace(/\/$/, '')}${link}`) : env.APP_URL

const FOOTER = 'Gérer vos notifications : '

// Immediate e-mails; a failure leaves the row unsent for the daily digest to pick up.
export async function sendEmails(db: Db, env: DeliverEnv, ids: string[]) {
  if (ids.length === 0) return 0
  const rows = await db
    .select({
      id: notificationEmails.id,
      to: users.email,
      title: notificationEmails.title,
      message: notificationEmails.message,
      link: notificationEmails.link,
    })
    .from(notificationEmails)
    .innerJoin(users, eq(users.id, notificationEmails.userId))
    .where(and(inArray(notificationEmails.id, ids), isNull(notificationEmails.sentAt)))
  const mailer = mailerFor(env as Env, db, createLogger({ feature: 'notifications' }))
  let sent = 0
  for (const r of rows) {
    try {
      await mailer.send({
        to: r.to,
        subject: `[CRM] ${r.title}`,
        text:
          `${r.message ?? r.title}\n\nOuvrir dans le CRM : ` +
          `${linkBack(env, r.link)}\n\n${FOOTER}${linkBack(env, '/account/notifications')}`,
      })
      await db.update(notificationEmails).set({ sentAt: new Date() }).where(eq(notificationEmails.id, r.id))
      sent++
    } catch (error) {
      createLogger({ feature: 'notifications' }).warn('notification e-mail failed', { error: String(error) })
    }
  }
  return sent
}

type EventRef = { type: string; data: Record<string, unknown> }

// `event` (from the events consumer) also tells the record's other watchers that it changed.
export async function afterCommit(db: Db, env: DeliverEnv, planned: Planned, event?: EventRef | string) {
  const type = typeof event === 'string' ? event : event?.type
  // Pushing is best effort: the notification is stored and listed on the next load or catch-up.
  // The notifications leave before the watchers are even looked up.
  const told = new Set(planned.stored.map((n) => n.userId))
  const tellWatchers = async () => {
    if (!event || typeof event === 'string') return
    const watchers = (await watchersOf(db, event.data)).filter((id) => !told.has(id))
    await Promise.allSettled(watchers.map((id) => pushToUser(env, id, { type: 'changed', event: type })))
  }
  await Promise.allSettled([
    ...planned.stored.map((n) =>
      pushToUser(env, n.userId, { type: 'notification', notification: toNotificationDto(n), event: type }),
    ),
    tellWatchers(),
  ])
  await sendEmails(db, env, planned.emailIds)
}

// Outside any transaction of the caller: call it after your own write committed.
export async function deliver(db: Db, env: DeliverEnv, items: Outgoing[]) {
  if (items.length === 0) return []
  const planned = await db.transaction((tx) => storeAndQueue(tx, items))
  await afterCommit(db, env, planned)
  return planned.stored
}
