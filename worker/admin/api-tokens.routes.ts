// API tokens for integrations: created by an admin with a name, a role ceiling and an expiry;
// the secret is shown once and only its SHA-256 is stored; revocable; last use recorded.
import { and, desc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { apiTokens, users } from '../db/schema.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { audit, audited } from '../audit/audit.ts'
import { ROLES } from '../db/enums.ts'
import { randomToken, sha256 } from '../auth/crypto.ts'
import type { Db } from '../db/client.ts'
import { isUuid } from '../shared/tx.ts'

const tags = ['API tokens']
export const TOKEN_PREFIX = 'crm_'
const MAX_DAYS = 366

const TokenDto = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  roleCeiling: z.enum(ROLES),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
})
const TokenCreate = z.object({
  name: z.string().trim().min(1, 'Nommez le jeton.').max(120),
  roleCeiling: z.enum(ROLES),
  expiresAt: z.iso.datetime({ offset: true, message: 'Date ISO 8601 attendue.' }),
  // The account the integration acts as (default: the admin creating it); never above roleCeiling.
  userId: z.string().refine(isUuid, 'Identifiant invalide.').optional(),
})

const owner = alias(users, 'owner')
const creator = alias(users, 'creator')

async function listTokens(db: Db, id?: string) {
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

export function registerApiTokenRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/api-tokens',
      tags,
      access: 'users:manage',
      summary: 'List API tokens (never their secret)',
      responses: { 200: jsonResponse(z.object({ data: z.array(TokenDto) })), ...problemResponses },
    }),
    async (c) => c.json({ data: await listTokens(c.get('db')) }, 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/api-tokens',
      tags,
      access: 'users:manage',
      summary: 'Create an API token; the secret is in this answer only (use it as Authorization: Bearer)',
      request: jsonBody(TokenCreate),
      responses: { 201: jsonResponse(TokenDto.extend({ token: z.string() }), 'Created'), ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      const input = c.req.valid('json')
      const expiresAt = new Date(input.expiresAt)
      if (expiresAt.getTime() <= Date.now())
        throw badRequest('La date d’expiration doit être dans le futur.', [
          { path: 'expiresAt', message: 'Date passée.' },
        ])
      if (expiresAt.getTime() > Date.now() + MAX_DAYS * 86400_000)
        throw badRequest('Un jeton expire au plus tard dans un an.', [{ path: 'expiresAt', message: 'Au plus un an.' }])
      const db = c.get('db')
      const userId = input.userId ?? me.id
      const [target] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.isActive, true)))
      if (!target)
        throw badRequest('Compte inconnu ou désactivé.', [{ path: 'userId', message: 'Compte inconnu ou désactivé.' }])
      const token = randomToken(TOKEN_PREFIX)
      const tokenHash = await sha256(token)
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(apiTokens)
          .values({ name: input.name, tokenHash, userId, roleCeiling: input.roleCeiling, createdBy: me.id, expiresAt })
          .returning()
        const details = { name: input.name, roleCeiling: input.roleCeiling, userId, expiresAt: expiresAt.toISOString() }
        await audit(c, 'token.created', { targetType: 'api_token', targetId: created!.id, details }, tx)
        return created
      })
      const [dto] = await listTokens(db, row!.id)
      return c.json({ ...dto!, token }, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/api-tokens/{id}',
      tags,
      access: 'users:manage',
      summary: 'Revoke an API token (immediate)',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw notFound()
      await audited(c, async (tx, audit) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning()
        if (!row) throw notFound()
        await audit('token.revoked', { targetType: 'api_token', targetId: id, details: { name: row.name } })
      })
      return c.body(null, 204)
    },
  )
}
