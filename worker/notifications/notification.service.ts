// Notifications: stored first (the truth), then pushed to the user's open tabs.
import { and, desc, eq, inArray, isNull, lt, or, gt, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { notifications } from '../db/schema.ts'
import type { Env } from '../env.ts'
import type { NotificationPriority } from '../db/enums.ts'
import { iso } from '../shared/cursor.ts'

export type NewNotification = {
  userId: string
  eventId?: string
  type: string
  priority?: NotificationPriority
  title: string
  message?: string
  link?: string
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db

export function toNotificationDto(n: typeof notifications.$inferSelect) {
  return {
    id: n.id,
    type: n.type,
    priority: n.priority,
    title: n.title,
    message: n.message,
    link: n.link,
    readAt: iso(n.readAt),
    createdAt: iso(n.createdAt)!,
  }
}

// Idempotent per (event, user, type): a redelivered event inserts nothing new.
export async function storeNotifications(tx: Tx, items: NewNotification[]) {
  if (items.length === 0) return []
  return tx.insert(notifications).values(items).onConflictDoNothing().returning()
}

export async function pushToUser(env: Pick<Env, 'NOTIFICATION_HUB'>, userId: string, message: unknown) {
  const hub = env.NOTIFICATION_HUB.get(env.NOTIFICATION_HUB.idFromName(userId))
  return hub.push(message)
}

export async function listNotifications(db: Db, userId: string, { unreadOnly = false, limit = 30 } = {}) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.archivedAt),
        or(isNull(notifications.expiresAt), gt(notifications.expiresAt, sql`now()`)),
        unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
  const [{ unread }] = (await db
    .select({ unread: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.archivedAt)))) as [
    { unread: number },
  ]
  return { data: rows.map(toNotificationDto), unread }
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all') {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
}

export async function purgeExpired(db: Db) {
  await db.delete(notifications).where(lt(notifications.expiresAt, sql`now()`))
}
