// Notifications: stored first (the truth), then pushed to the user's open tabs.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { NotificationPriority } from '../db/enums.ts'
import { notifications } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { decodeCursor, encodeCursor, iso } from '../shared/cursor.ts'

export type NewNotification = {
  userId: string
  eventId?: string
  type: string
  priority?: NotificationPriority
  title: string
  message?: string
  link?: string
  expiresAt?: Date
  dedupeKey?: string
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db
type Row = typeof notifications.$inferSelect

export function toNotificationDto(n: Row) {
  return {
    id: n.id,
    seq: Number(n.seq),
    type: n.type,
    priority: n.priority,
    title: n.title,
    message: n.message,
    link: n.link,
    readAt: iso(n.readAt),
    archivedAt: iso(n.archivedAt),
    expiresAt: iso(n.expiresAt),
    createdAt: iso(n.createdAt)!,
  }
}
export type NotificationDto = ReturnType<typeof toNotificationDto>

// Idempotent per (event, user, type): a redelivered event inserts nothing new. The sequence
// number comes from a trigger (migrations/0007_notifications.sql).
export async function storeNotifications(tx: Tx, items: NewNotification[]) {
  if (items.length === 0) return []
  const rows = await tx.insert(notifications).values(items).onConflictDoNothing().returning()
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq))
}

export async function pushToUser(env: Pick<Env, 'NOTIFICATION_HUB'>, userId: string, message: unknown) {
  const hub = env.NOTIFICATION_HUB.get(env.NOTIFICATION_HUB.idFromName(userId))
  return hub.push(message)
}

const live = () => or(isNull(notifications.expiresAt), gt(notifications.expiresAt, sql`now()`))

export type ListQuery = {
  unread?: boolean
  archived?: boolean
  type?: string
  priority?: NotificationPriority
  cursor?: string
  since?: number
  limit: number
}

// Newest first, paged by sequence; with `since`, oldest first after that sequence (catch-up).
export async function listNotifications(db: Db, userId: string, q: ListQuery) {
  const where: (SQL | undefined)[] = [eq(notifications.userId, userId), live()]
  if (q.since === undefined) {
    where.push(q.archived ? isNotNull(notifications.archivedAt) : isNull(notifications.archivedAt))
  }
  if (q.unread) where.push(isNull(notifications.readAt))
  if (q.type) where.push(eq(notifications.type, q.type))
  if (q.priority) where.push(eq(notifications.priority, q.priority))
  if (q.since !== undefined) where.push(gt(notifications.seq, q.since))
  if (q.cursor) {
    const [seq] = decodeCursor(q.cursor)
    if (typeof seq !== 'number') return emptyPage(db, userId)
    where.push(q.since === undefined ? lt(notifications.seq, seq) : gt(notifications.seq, seq))
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(q.since === undefined ? desc(notifications.seq) : asc(notifications.seq))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    data: page.map(toNotificationDto),
    nextCursor: rows.length > q.limit && last ? encodeCursor(Number(last.seq), last.id) : null,
    unread: await unreadCount(db, userId),
  }
}

async function emptyPage(db: Db, userId: string) {
  return { data: [], nextCursor: null, unread: await unreadCount(db, userId) }
}

export async function unreadCount(db: Db, userId: string) {
  const [row] = await db
    .select({ unread: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.archivedAt), live()),
    )
  return row?.unread ?? 0
}

// Answers the ids that changed, so the other tabs are told exactly what to update.
export async function markRead(db: Db, userId: string, ids: string[] | 'all') {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id })
  return rows.map((r) => r.id)
}

// 'read' archives everything already read ("tout archiver (lues)"); 'all' everything.
export async function archive(db: Db, userId: string, ids: string[] | 'all' | 'read') {
  const rows = await db
    .update(notifications)
    .set({ archivedAt: new Date(), readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.archivedAt),
        Array.isArray(ids) ? inArray(notifications.id, ids) : undefined,
        ids === 'read' ? isNotNull(notifications.readAt) : undefined,
      ),
    )
    .returning({ id: notifications.id })
  return rows.map((r) => r.id)
}

export async function purgeExpired(db: Db) {
  const rows = await db
    .delete(notifications)
    .where(lt(notifications.expiresAt, sql`now()`))
    .returning({ id: notifications.id })
  return rows.length
}
