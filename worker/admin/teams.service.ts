// Teams: the unit of scope for managers and viewers. A team that still has members or records
// cannot be deleted (its records would silently fall out of every team's scope).
import { asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { organisations, teams, users } from '../db/schema.ts'
import { conflict, notFound } from '../http/problem.ts'
import { isUniqueViolation, isUuid } from '../shared/tx.ts'
import type { TeamInput } from './teams.schema.ts'

export async function listTeams(db: Db, id?: string) {
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

export async function getTeam(db: Db, id: string) {
  const [team] = await listTeams(db, id)
  if (!team) throw notFound()
  return team
}

const uniqueName = (e: unknown) => {
  if (isUniqueViolation(e)) {
    throw conflict('Une équipe porte déjà ce nom.', [{ path: 'name', message: 'Nom déjà utilisé.' }])
  }
  throw e
}

export async function createTeam(db: Db, input: TeamInput) {
  const [row] = await db.insert(teams).values(input).returning().catch(uniqueName)
  return row!
}

export async function renameTeam(db: Db, id: string, input: TeamInput) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db.update(teams).set(input).where(eq(teams.id, id)).returning().catch(uniqueName)
  if (!row) throw notFound()
  return row
}

export async function deleteTeam(db: Db, id: string) {
  if (!isUuid(id)) throw notFound()
  const [members] = await db.select({ n: count() }).from(users).where(eq(users.teamId, id))
  const [records] = await db.select({ n: count() }).from(organisations).where(eq(organisations.teamId, id))
  if ((members?.n ?? 0) > 0 || (records?.n ?? 0) > 0)
    throw conflict('Cette équipe a encore des membres ou des fiches : réaffectez-les avant de la supprimer.')
  const [row] = await db.delete(teams).where(eq(teams.id, id)).returning()
  if (!row) throw notFound()
  return row
}
