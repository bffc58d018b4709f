// Accounts administration: create or invite, change role/team, deactivate, unlock, force reset.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../db/client.ts'
import { apiTokens, teams, users } from '../db/schema.ts'
import { badRequest, conflict, notFound } from '../http/problem.ts'
import { hashPassword, randomToken } from '../auth/crypto.ts'
import { passwordProblems } from '../auth/password-policy.ts'
import { revokeAllSessions } from '../auth/session.service.ts'
import { isLocked } from '../auth/lockout.ts'
import type { UserCreate, UserListQuery, UserUpdate } from './users.schema.ts'
import { isUuid } from '../shared/tx.ts'
import { escapeLike } from '../shared/like.ts'

type UserRow = typeof users.$inferSelect

export function toUserDto(u: UserRow, teamName: string | null) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    teamName,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: isLocked(u) ? u.lockedUntil!.toISOString() : null,
    failedLoginCount: u.failedLoginCount,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }
}

export async function listUsers(db: Db, q: z.infer<typeof UserListQuery>) {
  const conds: (SQL | undefined)[] = []
  if (q.q) conds.push(or(ilike(users.name, `%${escapeLike(q.q)}%`), ilike(users.email, `%${escapeLike(q.q)}%`)))
  if (q.role) conds.push(eq(users.role, q.role))
  if (q.teamId) conds.push(eq(users.teamId, q.teamId))
  if (q.active) conds.push(eq(users.isActive, q.active === 'true'))
  const rows = await db
    .select({ u: users, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(...conds))
    .orderBy(asc(users.name))
    .limit(500)
  return rows.map((r) => toUserDto(r.u, r.teamName))
}

export async function getUserRow(db: Db, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db
    .select({ u: users, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id))
  if (!row) throw notFound()
  return row
}

async function assertTeam(db: Db, teamId: string | null | undefined) {
  if (!teamId) return
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId))
  if (!team) throw badRequest('Équipe inconnue.', [{ path: 'teamId', message: 'Équipe inconnue.' }])
}

export async function createUser(db: Db, input: z.infer<typeof UserCreate>) {
  await assertTeam(db, input.teamId)
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, input.email)
    if (problems.length) throw badRequest('Ce mot de passe ne respecte pas les règles.', problems)
  }
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email))
  if (taken)
    throw conflict('Un compte existe déjà avec cette adresse.', [{ path: 'email', message: 'Adresse déjà utilisée.' }])
  // An invited account gets an unguessable password nobody knows until the link sets one.
  const passwordHash = await hashPassword(input.password ?? randomToken())
  const [row] = await db
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      teamId: input.teamId ?? null,
      passwordHash,
      mustChangePassword: input.password !== undefined,
    })
    .returning()
  return row!
}

export async function updateUser(db: Db, actorId: string, id: string, input: z.infer<typeof UserUpdate>) {
  const { u: before } = await getUserRow(db, id)
  if (id === actorId && (input.isActive === false || (input.role && input.role !== before.role))) {
    throw conflict('Vous ne pouvez ni désactiver votre propre compte ni changer votre propre rôle.')
  }
  await assertTeam(db, input.teamId)
  const [after] = await db
    .update(users)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
  if (before.isActive && input.isActive === false) {
    // A deactivated account keeps no way in: sessions and its API tokens end now.
    await revokeAllSessions(db, id)
    await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.userId, id), sql`${apiTokens.revokedAt} is null`))
  }
  return { before, after: after! }
}

export async function unlockUser(db: Db, id: string) {
  await getUserRow(db, id)
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id))
}

// Force reset (a password thought compromised): the current password stops working at once,
// every session ends, and the caller mails a fresh link to choose a new one.
export async function forceReset(db: Db, id: string) {
  const { u } = await getUserRow(db, id)
  if (!u.isActive) throw conflict('Ce compte est désactivé.')
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(randomToken()), mustChangePassword: false, updatedAt: new Date() })
    .where(eq(users.id, id))
  await revokeAllSessions(db, id)
  return u
}
