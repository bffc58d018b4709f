import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { listHistory } from '../shared/history-list.ts'
import { HistoryEntry, HistoryQuery } from '../organisations/organisation.schema.ts'
import { getOrganisationRow } from '../organisations/organisation.service.ts'
import {
  Contact,
  Person,
  PersonCreate,
  PersonLinkInput,
  PersonLinkUpdate,
  PersonListQuery,
  PersonUpdate,
} from './person.schema.ts'
import {
  createPerson,
  deletePerson,
  getPerson,
  getPersonRow,
  listContacts,
  listPeople,
  removeLink,
  updatePerson,
  upsertLink,
} from './person.service.ts'
import { LimitSchema, CursorSchema } from '../shared/query-fields.ts'

const tags = ['People']
const LinkParams = z.object({ id: z.string().max(64), organisationId: z.string().uuid('Identifiant invalide.') })
const ContactsQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
})

export function registerPersonRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/people',
      tags,
      access: 'people:read',
      summary: 'List people (filters: organisationId, ownerId, q; sort; cursor pagination)',
      request: { query: PersonListQuery },
      responses: { 200: jsonResponse(page(Person)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'people', scopeKey(user), query, () => listPeople(c.get('db'), user, query)),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/people',
      tags,
      access: 'people:create',
      summary: 'Create a person, optionally linked to organisations',
      request: jsonBody(PersonCreate),
      responses: { 201: jsonResponse(Person, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const person = await createPerson(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(person, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/people/{id}',
      tags,
      access: 'people:read',
      summary: 'Get a person with their organisations',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Person), ...problemResponses },
    }),
    async (c) => c.json(await getPerson(c.get('db'), c.var.user, c.req.valid('param').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/people/{id}',
      tags,
      access: 'people:update',
      summary: 'Update a person; `organisations`, when given, is the complete set of links',
      request: { params: IdParam, ...jsonBody(PersonUpdate) },
      responses: { 200: jsonResponse(Person), ...problemResponses },
    }),
    async (c) => {
      const person = await updatePerson(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(person, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/people/{id}',
      tags,
      access: 'people:delete',
      summary: 'Delete a person (to the bin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deletePerson(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/people/{id}/organisations',
      tags,
      access: 'people:update',
      summary: 'Link a person to an organisation (or update the link); isPrimary replaces the primary contact',
      request: { params: IdParam, ...jsonBody(PersonLinkInput) },
      responses: { 200: jsonResponse(Person), ...problemResponses },
    }),
    async (c) => {
      const person = await upsertLink(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(person, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/people/{id}/organisations/{organisationId}',
      tags,
      access: 'people:update',
      summary: 'Change a link (role, work e-mail or phone, primary contact)',
      request: { params: LinkParams, ...jsonBody(PersonLinkUpdate) },
      responses: { 200: jsonResponse(Person), ...problemResponses },
    }),
    async (c) => {
      const { id, organisationId } = c.req.valid('param')
      const person = await upsertLink(
        c.get('db'),
        c.var.user,
        id,
        { ...c.req.valid('json'), organisationId },
        { mustExist: true },
      )
      return c.json(person, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/people/{id}/organisations/{organisationId}',
      tags,
      access: 'people:update',
      summary: 'Unlink a person from an organisation (both stay)',
      request: { params: LinkParams },
      responses: { 204: { description: 'Unlinked' }, ...problemResponses },
    }),
    async (c) => {
      const { id, organisationId } = c.req.valid('param')
      await removeLink(c.get('db'), c.var.user, id, organisationId)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/people/{id}/history',
      tags,
      access: 'people:read',
      summary: 'Change history of a person, newest first',
      request: { params: IdParam, query: HistoryQuery },
      responses: { 200: jsonResponse(page(HistoryEntry)), ...problemResponses },
    }),
    async (c) => {
      const db = c.get('db')
      const person = await getPersonRow(db, c.var.user, c.req.valid('param').id)
      return c.json(await listHistory(db, 'person', person.id, c.req.valid('query')), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/organisations/{id}/contacts',
      tags: ['Organisations', ...tags],
      access: 'people:read',
      summary: "An organisation's people with their role there, the primary contact first",
      request: { params: IdParam, query: ContactsQuery },
      responses: { 200: jsonResponse(page(Contact)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const db = c.get('db')
      const org = await getOrganisationRow(db, user, c.req.valid('param').id)
      const query = c.req.valid('query')
      return c.json(
        await cachedJson(c, 'people', scopeKey(user), { ...query, contactsOf: org.id }, () =>
          listContacts(db, user, org.id, query),
        ),
        200,
      )
    },
  )
}
