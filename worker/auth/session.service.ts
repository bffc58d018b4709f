// Server-side sessions (listable, revocable) and API-token resolution.
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { apiTokens, rolePermissions, sessions, users } from '../db/schema.ts'
import { effectivePermissions, lowerRole } from '../permissions/matrix.ts'
import type { Role } from '../db/enums.ts'
import type { AuthUser } from './auth-user.ts'
import { randomToken, sha256 } from './crypto.ts'

export const SESSION_COOKIE = 'crm_session'
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
// Writing last_seen_at on every request would make each read a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000

export async function createSession(db: Db, userId: string, meta: { userAgent?: string; ip?: string }) {
  const token = randomToken()
  const [row] = await db.insert(sessions).values({
    userId,
    tokenHash: await sha256(token),
    userAgent: meta.userAgent?.slice(0, 300),
    ip: meta.ip,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  }).returning({ id: sessions.id })
  return { token, sessionId: row!.id }
}

async function permissionsFor(db: Db, role: Role) {
  const overrides = await db.select().from(rolePermissions).where(eq(rolePermissions.role, role))
  return effectivePermissions(role, overrides)
}

type UserRow = typeof users.$inferSelect
const toAuthUser = (u: UserRow, role: Role, permissions: AuthUser['permissions'], extra: Partial<AuthUser>): AuthUser => ({
  id: u.id, email: u.email, name: u.name, role, teamId: u.teamId, mustChangePassword: u.mustChangePassword,
  permissions, via: 'session', ...extra,
})

export async function userFromSession(db: Db, token: string): Promise<AuthUser | null> {
  const hash = await sha256(token)
  const [row] = await db.select({ s: sessions, u: users }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), eq(users.isActive, true)))
  if (!row) return null
  if (Date.now() - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.s.id))
  }
  return toAuthUser(row.u, row.u.role, await permissionsFor(db, row.u.role), { via: 'session', sessionId: row.s.id })
}

export async function userFromToken(db: Db, token: string): Promise<AuthUser | null> {
  const hash = await sha256(token)
  const [row] = await db.select({ t: apiTokens, u: users }).from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`), eq(users.isActive, true)))
  if (!row) return null
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t.id))
  const role = lowerRole(row.u.role, row.t.roleCeiling)
  return toAuthUser(row.u, role, await permissionsFor(db, role), { via: 'token', tokenId: row.t.id, mustChangePassword: false })
}

export async function revokeSession(db: Db, sessionId: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId))
}
