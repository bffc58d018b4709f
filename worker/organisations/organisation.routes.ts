import type { Api } from '../app-env.ts'
import { requireUser } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedList } from '../cache/list-cache.ts'
import { afterWrite } from '../events/after-write.ts'
import { Organisation, OrganisationCreate, OrganisationListQuery, OrganisationUpdate } from './organisation.schema.ts'
import {
  createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, updateOrganisation,
} from './organisation.service.ts'
import type { AuthUser } from '../auth/auth-user.ts'

const tags = ['Organisations']
export const scopeKey = (u: AuthUser) => (u.role === 'admin' ? 'all' : u.role === 'sales' ? `user:${u.id}` : `team:${u.teamId}`)

export function registerOrganisationRoutes(api: Api) {
  api.openapi(apiRoute({
    method: 'get', path: '/v1/organisations', tags, access: 'organisations:read',
    summary: 'List organisations (filters, sort, cursor pagination)',
    request: { query: OrganisationListQuery },
    responses: { 200: jsonResponse(page(Organisation)), ...problemResponses },
  }), async (c) => {
    const user = requireUser(c.get('user'))
    const query = c.req.valid('query')
    const { value, hit } = await cachedList(c.env, 'organisations', scopeKey(user), new URL(c.req.url).search,
      () => listOrganisations(c.get('db'), user, query))
    c.header('x-cache', hit ? 'HIT' : 'MISS')
    return c.json(value, 200)
  })

  api.openapi(apiRoute({
    method: 'post', path: '/v1/organisations', tags, access: 'organisations:create',
    summary: 'Create an organisation',
    request: jsonBody(OrganisationCreate),
    responses: { 201: jsonResponse(Organisation, 'Created'), ...problemResponses },
  }), async (c) => {
    const org = await createOrganisation(c.get('db'), requireUser(c.get('user')), c.req.valid('json'))
    await afterWrite(c, 'organisations')
    return c.json(org, 201)
  })

  api.openapi(apiRoute({
    method: 'get', path: '/v1/organisations/{id}', tags, access: 'organisations:read',
    summary: 'Get an organisation',
    request: { params: IdParam },
    responses: { 200: jsonResponse(Organisation), ...problemResponses },
  }), async (c) => c.json(await getOrganisation(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))

  api.openapi(apiRoute({
    method: 'patch', path: '/v1/organisations/{id}', tags, access: 'organisations:update',
    summary: 'Update an organisation; { pipelineStage } moves it in the pipeline',
    request: { params: IdParam, ...jsonBody(OrganisationUpdate) },
    responses: { 200: jsonResponse(Organisation), ...problemResponses },
  }), async (c) => {
    const org = await updateOrganisation(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json'))
    await afterWrite(c, 'organisations', 'tasks')
    return c.json(org, 200)
  })

  api.openapi(apiRoute({
    method: 'delete', path: '/v1/organisations/{id}', tags, access: 'organisations:delete',
    summary: 'Delete an organisation (to the bin; its people stay)',
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...problemResponses },
  }), async (c) => {
    await deleteOrganisation(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id)
    await afterWrite(c, 'organisations')
    return c.body(null, 204)
  })
}

