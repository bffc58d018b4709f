import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { listHistory } from '../shared/history-list.ts'
import {
  BulkResult,
  HistoryEntry,
  HistoryQuery,
  Organisation,
  OrganisationBulk,
  OrganisationCount,
  OrganisationCreate,
  OrganisationDuplicate,
  OrganisationFilter,
  OrganisationListQuery,
  OrganisationUpdate,
} from './organisation.schema.ts'
import {
  createOrganisation,
  deleteOrganisation,
  duplicateOrganisation,
  getOrganisation,
  getOrganisationRow,
  listOrganisations,
  updateOrganisation,
} from './organisation.service.ts'
import { bulkOrganisations, countOrganisations } from './organisation-bulk.service.ts'

const tags = ['Organisations']

export function registerOrganisationRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/organisations',
      tags,
      access: 'organisations:read',
      summary: 'List organisations (filters, sort, cursor pagination)',
      request: { query: OrganisationListQuery },
      responses: { 200: jsonResponse(page(Organisation)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'organisations', scopeKey(user), query, () => listOrganisations(c.get('db'), user, query)),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/organisations/count',
      tags,
      access: 'organisations:read',
      summary: 'Count the organisations a list filter matches (for "select all matching")',
      request: { query: OrganisationFilter },
      responses: { 200: jsonResponse(OrganisationCount), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'organisations', scopeKey(user), { ...query, count: true }, () =>
          countOrganisations(c.get('db'), user, query),
        ),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/organisations',
      tags,
      access: 'organisations:create',
      summary: 'Create an organisation',
      request: jsonBody(OrganisationCreate),
      responses: { 201: jsonResponse(Organisation, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const org = await createOrganisation(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(org, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/organisations/bulk',
      tags,
      access: 'organisations:update',
      summary:
        'Apply one action (stage, category, owner, delete) to checked ids or to every organisation ' +
        'a list filter matches (at most 500); reports each failure',
      request: jsonBody(OrganisationBulk),
      responses: { 200: jsonResponse(BulkResult), ...problemResponses },
    }),
    async (c) => {
      const result = await bulkOrganisations(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(result, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/organisations/{id}',
      tags,
      access: 'organisations:read',
      summary: 'Get an organisation',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Organisation), ...problemResponses },
    }),
    async (c) => c.json(await getOrganisation(c.get('db'), c.var.user, c.req.valid('param').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/organisations/{id}',
      tags,
      access: 'organisations:update',
      summary: 'Update an organisation; { pipelineStage } moves it in the pipeline',
      request: { params: IdParam, ...jsonBody(OrganisationUpdate) },
      responses: { 200: jsonResponse(Organisation), ...problemResponses },
    }),
    async (c) => {
      const org = await updateOrganisation(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(org, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/organisations/{id}',
      tags,
      access: 'organisations:delete',
      summary: 'Delete an organisation (to the bin; its people stay)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteOrganisation(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/organisations/{id}/duplicate',
      tags,
      access: 'organisations:create',
      summary: 'Copy an organisation (e.g. for a subsidiary), with optional overrides',
      request: {
        params: IdParam,
        body: { content: { 'application/json': { schema: OrganisationDuplicate } }, required: false },
      },
      responses: { 201: jsonResponse(Organisation, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const overrides = c.req.header('content-type')?.includes('json') ? (c.req.valid('json') ?? {}) : {}
      const org = await duplicateOrganisation(c.get('db'), c.var.user, c.req.valid('param').id, overrides)
      return c.json(org, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/organisations/{id}/history',
      tags,
      access: 'organisations:read',
      summary: 'Change history of an organisation (who, when, what), newest first',
      request: { params: IdParam, query: HistoryQuery },
      responses: { 200: jsonResponse(page(HistoryEntry)), ...problemResponses },
    }),
    async (c) => {
      const db = c.get('db')
      const org = await getOrganisationRow(db, c.var.user, c.req.valid('param').id)
      return c.json(await listHistory(db, 'organisation', org.id, c.req.valid('query')), 200)
    },
  )
}
