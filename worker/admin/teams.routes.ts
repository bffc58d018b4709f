// Teams: the unit of scope for managers and viewers. A team that still has members or records
// cannot be deleted (its records would silently fall out of every team's scope).
import { asc, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { organisations, teams, users } from '../db/schema.ts'
import { conflict, notFound } from '../http/problem.ts'
import { audited } from '../audit/audit.ts'
import type { Db } from '../db/client.ts'
import { isUniqueViolation, isUuid } from '../shared/tx.ts'

const tags = ['Teams']
const TeamDto = z.object({ id: z.string(), name: z.string(), memberCount: z.number(), createdAt: z.string() })
const TeamInput = z.object({ name: z.string().trim().min(1, 'Saisissez un nom.').max(120) })

async function teamDtos(db: Db, id?: string) {
  const rows = await db
    .select({
      t: teams,
      memberCount: sql<number>`(select count(*)::int from ${users} u where u.team_id = ${teams.id})`,
    })
    .from(teams)
    .where(id ? eq(teams.id, id) : undefined)
    .orderBy(asc(teams.name))
  return rows.map((r) => ({
    id: r.t.id,
    name: r.t.name,
    memberCount: r.memberCount,
    createdAt: r.t.createdAt.toISOString(),
  }))
}

const uniqueName = (e: unknown) => {
  if (isUniqueViolation(e)) {
    throw conflict('Une équipe porte déjà ce nom.', [{ path: 'name', message: 'Nom déjà utilisé.' }])
  }
  throw e
}

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
    async (c) => c.json({ data: await teamDtos(c.get('db')) }, 200),
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
        const [row] = await tx.insert(teams).values(c.req.valid('json')).returning().catch(uniqueName)
        await audit('team.created', { targetType: 'team', targetId: row!.id, details: { name: row!.name } })
        return row
      })
      return c.json((await teamDtos(c.get('db'), row!.id))[0], 201)
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
      if (!isUuid(id)) throw notFound()
      await audited(c, async (tx, audit) => {
        const [row] = await tx
          .update(teams)
          .set(c.req.valid('json'))
          .where(eq(teams.id, id))
          .returning()
          .catch(uniqueName)
        if (!row) throw notFound()
        await audit('team.renamed', { targetType: 'team', targetId: id, details: { name: row.name } })
      })
      return c.json((await teamDtos(c.get('db'), id))[0], 200)
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
      const db = c.get('db')
      if (!isUuid(id)) throw notFound()
      const [members] = await db.select({ n: count() }).from(users).where(eq(users.teamId, id))
      const [records] = await db.select({ n: count() }).from(organisations).where(eq(organisations.teamId, id))
      if ((members?.n ?? 0) > 0 || (records?.n ?? 0) > 0)
        throw conflict('Cette équipe a encore des membres ou des fiches : réaffectez-les avant de la supprimer.')
      await audited(c, async (tx, audit) => {
        const [row] = await tx.delete(teams).where(eq(teams.id, id)).returning()
        if (!row) throw notFound()
        await audit('team.deleted', { targetType: 'team', targetId: id, details: { name: row.name } })
      })
      return c.body(null, 204)
    },
  )
}
