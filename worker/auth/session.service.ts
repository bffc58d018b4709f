// Server-side sessions (listable, revocable) and API-token resolution.
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { apiTokens, rolePermissions, sessions, users } from '../db/schema.ts'
import { effectivePermissions, lowerRole } from '../permissions/matrix.ts'
import type { Role } from '../db/enums.ts'
import type { AuthUser } from './auth-user.ts'
import { randomToken, sha256 } from './crypto.ts'
import type { RequestTiming } from '../http/server-timing.ts'

export const SESSION_COOKIE = 'crm_session'
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
// Writing last_seen_at on every request would make each read a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000

export async function createSession(db: Db, userId: string, meta: { userAgent?: string; ip?: string }) {
  const token = randomToken()
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      tokenHash: await sha256(token),
      userAgent: meta.userAgent?.slice(0, 300),
      ip: meta.ip,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    })
    .returning({ id: sessions.id })
  return { token, sessionId: row!.id }
}

// The role overrides come with the session (or token) row, in the same statement: one round trip
// per request instead of two (issue 16). A token's role may be capped below its user's, so both
// roles' overrides come and the effective role's are kept.
type Override = { role: Role; permission: string; allowed: boolean }
const overridesOf = (...roles: unknown[]) =>
  sql<
    Override[]
  >`coalesce((select json_agg(json_build_object('role', rp.role, 'permission', rp.permission, 'allowed', rp.allowed))
    from ${rolePermissions} rp where rp.role in (${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )})), '[]'::json)`

const permissionsFor = (role: Role, overrides: Override[], timing?: RequestTiming) => {
  const started = performance.now()
  const set = effectivePermissions(
    role,
    overrides.filter((o) => o.role === role),
  )
  timing?.add('permissions', performance.now() - started)
  return set
}

// What a request needs of its user, and no more: the look-up that runs on every request never
// reads the password hash or the lock-out counters (least privilege), and each column left out
// is one less to build, send and map.
export const authColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  mustChangePassword: users.mustChangePassword,
}
type AuthRow = { [K in keyof typeof authColumns]: (typeof users.$inferSelect)[K] }

export const toAuthUser = (
  u: AuthRow,
  role: Role,
  permissions: AuthUser['permissions'],
  extra: Partial<AuthUser>,
): AuthUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role,
  teamId: u.teamId,
  mustChangePassword: u.mustChangePassword,
  permissions,
  via: 'session',
  ...extra,
})

export async function userFromSession(db: Db, token: string, timing?: RequestTiming): Promise<AuthUser | null> {
  const hash = await sha256(token)
  const [row] = await db
    .select({
      s: { id: sessions.id, lastSeenAt: sessions.lastSeenAt },
      u: authColumns,
      overrides: overridesOf(users.role),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.isActive, true),
      ),
    )
  if (!row) return null
  if (Date.now() - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.s.id))
  }
  return toAuthUser(row.u, row.u.role, permissionsFor(row.u.role, row.overrides, timing), {
    via: 'session',
    sessionId: row.s.id,
  })
}

// `touched` is true when this use was recorded (at most once a minute per token): the caller
// writes the audit entry then, so token use is audited without one row per request.
export async function userFromToken(
  db: Db,
  token: string,
  timing?: RequestTiming,
): Promise<{ user: AuthUser; touched: boolean } | null> {
  const hash = await sha256(token)
  const [row] = await db
    .select({
      t: { id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, roleCeiling: apiTokens.roleCeiling },
      u: authColumns,
      overrides: overridesOf(users.role, apiTokens.roleCeiling),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hash),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        eq(users.isActive, true),
      ),
    )
  if (!row) return null
  const touched = !row.t.lastUsedAt || Date.now() - row.t.lastUsedAt.getTime() > TOUCH_EVERY_MS
  if (touched) await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t.id))
  const role = lowerRole(row.u.role, row.t.roleCeiling)
  const user = toAuthUser(row.u, role, permissionsFor(role, row.overrides, timing), {
    via: 'token',
    tokenId: row.t.id,
    mustChangePassword: false,
  })
  return { user, touched }
}

export async function revokeSession(db: Db, sessionId: string, userId?: string) {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), userId ? eq(sessions.userId, userId) : undefined),
    )
    .returning({ id: sessions.id })
  return rows.length > 0
}

// Sign out everywhere (or everywhere else, keeping `exceptSessionId`): after a password change,
// a reset, a deactivation.
export async function revokeAllSessions(db: Db, userId: string, exceptSessionId?: string) {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id })
  return rows.length
}

export async function activeSessions(db: Db, userId: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt))
}
