// Who may own (or be assigned) a record: an active user; outside admin, only a member of the
// caller's own team, so nobody hands a record to a team that cannot see it by mistake.
import { and, eq } from 'drizzle-orm'
import { users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { badRequest } from '../http/problem.ts'
import type { TxOrDb } from './tx.ts'

export type Owner = { id: string; name: string; teamId: string | null }

export async function resolveUser(tx: TxOrDb, caller: AuthUser, userId: string, field = 'ownerId'): Promise<Owner> {
  const [row] = await tx
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)))
  if (!row || (caller.role !== 'admin' && row.teamId !== caller.teamId)) {
    throw badRequest('Données invalides.', [
      { path: field, message: 'Utilisateur introuvable ou hors de votre équipe.' },
    ])
  }
  return row
}

export async function userName(tx: TxOrDb, id: string | null) {
  if (!id) return null
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id))
  return row?.name ?? null
}
