import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { Interaction, InteractionCreate, InteractionListQuery, InteractionUpdate } from './interaction.schema.ts'
import {
  createInteraction,
  deleteInteraction,
  getInteraction,
  listInteractions,
  updateInteraction,
} from './interaction.service.ts'

const tags = ['Interactions']

export function registerInteractionRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/interactions',
      tags,
      access: 'interactions:read',
      summary: 'Timeline of interactions, newest first (filters: organisationId, personId, userId, type, from, to)',
      request: { query: InteractionListQuery },
      responses: { 200: jsonResponse(page(Interaction)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'interactions', scopeKey(user), query, () => listInteractions(c.get('db'), user, query)),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/interactions',
      tags,
      access: 'interactions:create',
      summary: "Record a call, e-mail, meeting or note on an organisation's timeline",
      request: jsonBody(InteractionCreate),
      responses: { 201: jsonResponse(Interaction, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const interaction = await createInteraction(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(interaction, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/interactions/{id}',
      tags,
      access: 'interactions:read',
      summary: 'Get an interaction',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Interaction), ...problemResponses },
    }),
    async (c) => c.json(await getInteraction(c.get('db'), c.var.user, c.req.valid('param').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/interactions/{id}',
      tags,
      access: 'interactions:update',
      summary: 'Update an interaction (the organisation stays)',
      request: { params: IdParam, ...jsonBody(InteractionUpdate) },
      responses: { 200: jsonResponse(Interaction), ...problemResponses },
    }),
    async (c) => {
      const interaction = await updateInteraction(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(interaction, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/interactions/{id}',
      tags,
      access: 'interactions:delete',
      summary: 'Delete an interaction (to the bin); the last contact date follows',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteInteraction(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
}
