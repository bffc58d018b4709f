// The SQL side of the API benchmark: the very services the routes call, on one warm connection
// through the same driver, with every statement timed (worker/http/server-timing.ts counts them
// exactly as a request's Server-Timing does). The session statement is timed apart, so each
// request shows next to its SQL and its SQL plus the session look-up.
import { sql } from 'drizzle-orm'
import { createDb } from '../worker/db/client.ts'
import { RequestTiming } from '../worker/http/server-timing.ts'
import { userFromSession } from '../worker/auth/session.service.ts'
import type { AuthUser } from '../worker/auth/auth-user.ts'
import { getOrganisation, listOrganisations } from '../worker/organisations/organisation.service.ts'
import { OrganisationListQuery } from '../worker/organisations/organisation.schema.ts'
import { listBin } from '../worker/bin/bin.service.ts'
import { BinListQuery } from '../worker/bin/bin.schema.ts'
import { listPeople } from '../worker/people/person.service.ts'
import { PersonListQuery } from '../worker/people/person.schema.ts'
import { dashboard } from '../worker/dashboard/dashboard.service.ts'
import { pipelineAnalytics, pipelineBoard } from '../worker/pipeline/pipeline.service.ts'
import { PipelineAnalyticsQuery, PipelineBoardQuery } from '../worker/pipeline/pipeline.schema.ts'
import { listInteractions } from '../worker/interactions/interaction.service.ts'
import { InteractionListQuery } from '../worker/interactions/interaction.schema.ts'
import { listTasks } from '../worker/tasks/task.service.ts'
import { TaskListQuery } from '../worker/tasks/task.schema.ts'
import { percentiles } from './stats.ts'

type Config = { DATABASE_URL: string; DB_WS_PROXY?: string; dataDir?: string }
type ApiRun = {
  results: { name: string; user: 'admin' | 'sales'; paths: string[]; kind: string }[]
  cookies: { admin: string; sales: string; manager: string }
}

const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams)
const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=').slice(1).join('='))

export async function measureSql(config: Config, api: ApiRun, requests: number) {
  const local = config.dataDir
    ? await (await import('../scripts/local-db.ts')).startLocalDb({ dataDir: config.dataDir })
    : null
  const timing = new RequestTiming()
  const { db, pool } = createDb(local ? { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy } : config, {
    max: 1,
    timing,
  })
  // Statement time of one call, read from the pool's instrumentation.
  const timed = async (work: () => Promise<unknown>) => {
    timing.ms.clear()
    await work()
    return timing.ms.get('query') ?? 0
  }
  // One call to warm up, then the p50 and p95 of 20.
  const callPercentiles = async (work: () => Promise<unknown>) => {
    await timed(work)
    const runs: number[] = []
    for (let i = 0; i < 20; i++) runs.push(await timed(work))
    const [p50, p95] = percentiles(runs)
    return { p50, p95 }
  }
  try {
    const counts = (
      await db.execute<{ o: number; p: number; i: number; t: number; s: number; m: number }>(
        sql`select (select count(*) from organisations where deleted_at is null)::int o,
          (select count(*) from people where deleted_at is null)::int p,
          (select count(*) from interactions)::int i, (select count(*) from tasks)::int t,
          (select count(*) from stage_changes)::int s, (select count(*) from mandates)::int m`,
      )
    ).rows[0]!
    const n = (x: number) => x.toLocaleString('en')
    const users = {
      admin: (await userFromSession(db, tokenOf(api.cookies.admin)))!,
      sales: (await userFromSession(db, tokenOf(api.cookies.sales)))!,
    }
    const run = (kind: string, user: AuthUser, path: string): Promise<unknown> => {
      if (kind === 'organisations') return listOrganisations(db, user, OrganisationListQuery.parse(query(path)))
      if (kind === 'organisation') return getOrganisation(db, user, path.split('/').at(-1)!)
      return listPeople(db, user, PersonListQuery.parse(query(path)))
    }
    const byCase = new Map<string, { sql: number; withSession: number }>()
    for (const r of api.results) {
      const sqlMs: number[] = []
      const withSession: number[] = []
      for (let i = 0; i < requests; i++) {
        const path = r.paths[i % r.paths.length]!
        const session = await timed(() => userFromSession(db, tokenOf(api.cookies[r.user])))
        const statements = await timed(() => run(r.kind, users[r.user], path))
        sqlMs.push(statements)
        withSession.push(statements + session)
      }
      byCase.set(r.name, { sql: percentiles(sqlMs)[1], withSession: percentiles(withSession)[1] })
    }
    const manager = (await userFromSession(db, tokenOf(api.cookies.manager)))!
    const aggregates = []
    for (const [role, user] of Object.entries({ admin: users.admin, manager, sales: users.sales })) {
      const analytics = (q: object) => () => pipelineAnalytics(db, user, PipelineAnalyticsQuery.parse(q))
      for (const [name, work] of [
        ['dashboard', () => dashboard(db, user)],
        ['pipeline analytics', analytics({})],
        // A manager looking at one salesperson: an owner filter, also answered from kept totals.
        ...(role === 'manager' ? [['analytics, one owner', analytics({ ownerId: users.sales.id })] as const] : []),
      ] as const)
        aggregates.push({ name: `${name} (${role})`, ...(await callPercentiles(work)) })
    }
    // The other lists' first pages as a cache miss reads them (migration 0014: each read along an
    // index of its order, where each sorted every row in scope).
    const lists = []
    for (const [role, user] of Object.entries({ admin: users.admin, manager, sales: users.sales })) {
      for (const [name, work] of [
        ['interactions', () => listInteractions(db, user, InteractionListQuery.parse({}))],
        ['tasks by due date', () => listTasks(db, user, TaskListQuery.parse({}))],
        ['tasks, not overdue', () => listTasks(db, user, TaskListQuery.parse({ overdue: 'false' }))],
        ['people, newest first', () => listPeople(db, user, PersonListQuery.parse({ sort: '-createdAt' }))],
        // A name the seed gives 4,000 people, three letters 12,700 have, and four letters nobody has
        // (which walked every person in name order before the trigram matches were read first).
        ['people, text filter "dupont"', () => listPeople(db, user, PersonListQuery.parse({ q: 'dupont' }))],
        ['people, text filter "mar"', () => listPeople(db, user, PersonListQuery.parse({ q: 'mar' }))],
        ['people, text filter "zzqx"', () => listPeople(db, user, PersonListQuery.parse({ q: 'zzqx' }))],
        [
          'organisations by amount (pipeline table)',
          () => listOrganisations(db, user, OrganisationListQuery.parse({ sort: '-amount', active: 'true' })),
        ],
        [
          'organisations, longest in stage',
          () => listOrganisations(db, user, OrganisationListQuery.parse({ sort: 'stageChangedAt' })),
        ],
        [
          'organisations, text "partners"',
          () => listOrganisations(db, user, OrganisationListQuery.parse({ q: 'partners' })),
        ],
        ['pipeline board', () => pipelineBoard(db, user, PipelineBoardQuery.parse({}))],
        ['kanban (board, active only)', () => pipelineBoard(db, user, PipelineBoardQuery.parse({ active: 'true' }))],
        // The bin is an admin's (migration 0015: it scanned six tables for their few deleted rows).
        ...(role === 'admin' ? [['bin', () => listBin(db, BinListQuery.parse({}))] as const] : []),
      ] as const)
        lists.push({ name: `${name} (${role})`, ...(await callPercentiles(work)) })
    }
    return {
      counts:
        `${n(counts.o)} organisations, ${n(counts.p)} people, ${n(counts.i)} interactions, ${n(counts.t)} tasks, ` +
        `${n(counts.s)} stage changes, ${n(counts.m)} mandates`,
      byCase,
      aggregates,
      lists,
    }
  } finally {
    await pool.end()
    await local?.stop()
  }
}
