// API tokens: list, create (the secret is in that answer only), revoke (rules in api-tokens.service.ts).
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { audited } from '../audit/audit.ts'
import { TokenCreate, TokenDto } from './api-tokens.schema.ts'
import { createToken, getToken, listTokens, revokeToken } from './api-tokens.service.ts'

const tags = ['API tokens']

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
      const { row, token } = await audited(c, async (tx, audit) => {
        const created = await createToken(tx, c.var.user.id, c.req.valid('json'))
        const { id, name, roleCeiling, userId, expiresAt } = created.row
        const details = { name, roleCeiling, userId, expiresAt: expiresAt.toISOString() }
        await audit('token.created', { targetType: 'api_token', targetId: id, details })
        return created
      })
      return c.json({ ...(await getToken(c.get('db'), row.id)), token }, 201)
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
      await audited(c, async (tx, audit) => {
        const row = await revokeToken(tx, id)
        await audit('token.revoked', { targetType: 'api_token', targetId: id, details: { name: row.name } })
      })
      return c.body(null, 204)
    },
  )
}
