import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { listHistory } from '../shared/history-list.ts'
import { HistoryEntry, HistoryQuery } from '../organisations/organisation.schema.ts'
import { Mandate, MandateCreate, MandateListQuery, MandateUpdate } from './mandate.schema.ts'
import {
  createMandate,
  deleteMandate,
  getMandate,
  getMandateRow,
  listMandates,
  updateMandate,
} from './mandate.service.ts'
import { isSheetPath, mandateSheetResponse } from '../exports/mandate-sheet.ts'

const tags = ['Mandats']

export function registerMandateRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/mandats',
      tags,
      access: 'mandates:read',
      summary: 'List mandates (filters: status, organisationId, productId, ownerId, q on the number)',
      request: { query: MandateListQuery },
      responses: { 200: jsonResponse(page(Mandate)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'mandates', scopeKey(user), query, () => listMandates(c.get('db'), user, query)),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/mandats',
      tags,
      access: 'mandates:create',
      summary: 'Create a mandate (numbered M-YYYY-NNN automatically)',
      request: jsonBody(MandateCreate),
      responses: { 201: jsonResponse(Mandate, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const mandate = await createMandate(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(mandate, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/mandats/{id}',
      tags,
      access: 'mandates:read',
      summary: 'Get a mandate; `{id}.pdf` is its mandate sheet (PDF, needs mandates:export)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Mandate), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (isSheetPath(id)) return (await mandateSheetResponse(c as never, id)) as never
      return c.json(await getMandate(c.get('db'), c.var.user, id), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/mandats/{id}',
      tags,
      access: 'mandates:update',
      summary: 'Update a mandate; a status change must follow the lifecycle (409 otherwise)',
      request: { params: IdParam, ...jsonBody(MandateUpdate) },
      responses: {
        200: jsonResponse(Mandate),
        ...problemResponses,
        409: {
          description: 'Status change not allowed from the current status',
          content: {
            'application/problem+json': { schema: problemResponses[400].content['application/problem+json'].schema },
          },
        },
      },
    }),
    async (c) => {
      const mandate = await updateMandate(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(mandate, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/mandats/{id}',
      tags,
      access: 'mandates:delete',
      summary: 'Delete a mandate (to the bin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteMandate(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/mandats/{id}/history',
      tags,
      access: 'mandates:read',
      summary: 'Change history of a mandate, newest first',
      request: { params: IdParam, query: HistoryQuery },
      responses: { 200: jsonResponse(page(HistoryEntry)), ...problemResponses },
    }),
    async (c) => {
      const db = c.get('db')
      const mandate = await getMandateRow(db, c.var.user, c.req.valid('param').id)
      return c.json(await listHistory(db, 'mandate', mandate.id, c.req.valid('query')), 200)
    },
  )
}
