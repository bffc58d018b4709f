// Teams: list, create, rename, delete an empty one (rules in teams.service.ts).
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { audited } from '../audit/audit.ts'
import { TeamDto, TeamInput } from './teams.schema.ts'
import { createTeam, deleteTeam, getTeam, listTeams, renameTeam } from './teams.service.ts'

const tags = ['Teams']

export function registerTeamRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/teams',
      tags,
      access: 'teams:read',
      summary: 'List teams with their member count',
      responses: { 200: jsonResponse(z.object({ data: z.array(TeamDto) })), ...problemResponses },
    }),
    async (c) => c.json({ data: await listTeams(c.get('db')) }, 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/teams',
      tags,
      access: 'teams:create',
      summary: 'Create a team',
      request: jsonBody(TeamInput),
      responses: { 201: jsonResponse(TeamDto, 'Created'), 409: { description: 'Name taken' }, ...problemResponses },
    }),
    async (c) => {
      const row = await audited(c, async (tx, audit) => {
        const row = await createTeam(tx, c.req.valid('json'))
        await audit('team.created', { targetType: 'team', targetId: row.id, details: { name: row.name } })
        return row
      })
      return c.json(await getTeam(c.get('db'), row.id), 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/teams/{id}',
      tags,
      access: 'teams:update',
      summary: 'Rename a team',
      request: { params: IdParam, ...jsonBody(TeamInput) },
      responses: { 200: jsonResponse(TeamDto), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await audited(c, async (tx, audit) => {
        const row = await renameTeam(tx, id, c.req.valid('json'))
        await audit('team.renamed', { targetType: 'team', targetId: id, details: { name: row.name } })
      })
      return c.json(await getTeam(c.get('db'), id), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/teams/{id}',
      tags,
      access: 'teams:delete',
      summary: 'Delete an empty team',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'Team not empty' }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await audited(c, async (tx, audit) => {
        const row = await deleteTeam(tx, id)
        await audit('team.deleted', { targetType: 'team', targetId: id, details: { name: row.name } })
      })
      return c.body(null, 204)
    },
  )
}
