// API tokens for integrations: created by an admin with a name, a role ceiling and an expiry;
// the secret is shown once and only its SHA-256 is stored; revocable; last use recorded.
import { and, desc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client.ts'
import { apiTokens, users } from '../db/schema.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { randomToken, sha256 } from '../auth/crypto.ts'
import { isUuid } from '../shared/tx.ts'
import type { TokenCreate } from './api-tokens.schema.ts'

export const TOKEN_PREFIX = 'crm_'
const MAX_DAYS = 366

const owner = alias(users, 'owner')
const creator = alias(users, 'creator')

export async function listTokens(db: Db, id?: string) {
  const rows = await db
    .select({ t: apiTokens, userName: owner.name, createdByName: creator.name })
    .from(apiTokens)
    .leftJoin(owner, eq(owner.id, apiTokens.userId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .where(id ? eq(apiTokens.id, id) : undefined)
    .orderBy(desc(apiTokens.createdAt))
    .limit(500)
  const now = Date.now()
  return rows.map(({ t, userName, createdByName }) => ({
    id: t.id,
    name: t.name,
    userId: t.userId,
    userName,
    roleCeiling: t.roleCeiling,
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    createdByName,
    status: t.revokedAt
      ? ('revoked' as const)
      : t.expiresAt.getTime() <= now
        ? ('expired' as const)
        : ('active' as const),
  }))
}

export async function getToken(db: Db, id: string) {
  const [token] = await listTokens(db, id)
  if (!token) throw notFound()
  return token
}

function checkedExpiry(expiresAtIso: string) {
  const expiresAt = new Date(expiresAtIso)
  if (expiresAt.getTime() <= Date.now())
    throw badRequest('La date d’expiration doit être dans le futur.', [{ path: 'expiresAt', message: 'Date passée.' }])
  if (expiresAt.getTime() > Date.now() + MAX_DAYS * 86400_000)
    throw badRequest('Un jeton expire au plus tard dans un an.', [{ path: 'expiresAt', message: 'Au plus un an.' }])
  return expiresAt
}

// Returns the stored row and the secret, which exists nowhere else once the answer has left.
export async function createToken(db: Db, createdBy: string, input: TokenCreate) {
  const expiresAt = checkedExpiry(input.expiresAt)
  const userId = input.userId ?? createdBy
  const [target] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)))
  if (!target)
    throw badRequest('Compte inconnu ou désactivé.', [{ path: 'userId', message: 'Compte inconnu ou désactivé.' }])
  const token = randomToken(TOKEN_PREFIX)
  const tokenHash = await sha256(token)
  const [row] = await db
    .insert(apiTokens)
    .values({ name: input.name, tokenHash, userId, roleCeiling: input.roleCeiling, createdBy, expiresAt })
    .returning()
  return { row: row!, token }
}

export async function revokeToken(db: Db, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning()
  if (!row) throw notFound()
  return row
}
