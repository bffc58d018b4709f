// Security notices and socket closing, called by the sign-in, password and session routes. The
// notices are catalogue types that cannot be switched off; a failure here never fails the
// sign-in or the password change it reports.
import { and, eq, ne } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { sessions } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { describeDevice } from '../auth/device.ts'
import { createLogger } from '../http/logger.ts'
import { notifyUser } from './catalogue.ts'

const safely = async (what: string, fn: () => Promise<unknown>) => {
  try {
    await fn()
  } catch (error) {
    createLogger({ feature: 'notifications' }).warn(`security notice not sent: ${what}`, { error: String(error) })
  }
}

// A new device: the user signed in before, but never with this browser. The first sign-in ever
// is not reported (every account would start with an alarm).
export function notifySignIn(
  db: Db,
  env: Env,
  userId: string,
  session: { id: string; userAgent?: string | null; ip?: string | null },
) {
  return safely('new device', async () => {
    const earlier = await db
      .select({ userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, session.id)))
    if (earlier.length === 0 || earlier.some((s) => s.userAgent === (session.userAgent ?? null))) return
    await notifyUser(db, env, userId, 'security.new_device', {
      at: new Date().toISOString(),
      device: describeDevice(session.userAgent),
      ip: session.ip ?? null,
    })
  })
}

export const notifyPasswordChanged = (db: Db, env: Env, userId: string) =>
  safely('password changed', () =>
    notifyUser(db, env, userId, 'security.password_changed', { at: new Date().toISOString() }),
  )

export const notifyAccountLocked = (db: Db, env: Env, userId: string, until: Date | null | undefined) =>
  safely('account locked', () =>
    notifyUser(db, env, userId, 'security.account_locked', { until: until?.toISOString() ?? null }),
  )

// Closes the live sockets of ended sessions (sign out, sign out everywhere, deactivation).
export function closeSessionSockets(
  env: Pick<Env, 'NOTIFICATION_HUB'>,
  userId: string,
  which: { only?: string[]; except?: string } = {},
) {
  const hub = env.NOTIFICATION_HUB.get(env.NOTIFICATION_HUB.idFromName(userId))
  return safely('close sockets', () => hub.closeSessions(which.only ?? null, which.except))
}
