// Pipeline analytics read a kept history on each move (next move, previous move into the same
// stage, first later move to a further stage) and totals per team, owner, stage and day
// (migration 0013). After each kind of write both must equal what the moves themselves give,
// computed here independently; and the analytics from the totals must equal the analytics from
// the moves alone (a filter on every type reads the moves), for every role, several windows, and
// with an owner filter (answered from the totals too).
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { pipelineAnalytics } from '../../worker/pipeline/pipeline.service.ts'
import { PipelineAnalyticsQuery } from '../../worker/pipeline/pipeline.schema.ts'
import { authUsers } from '../setup/auth-users.ts'

const state = ownDatabase()
const DAY = 86400_000
const NOW = Date.now()
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString()

// The definitions, over the moves and their organisations as they are now.
const reference = sql`
  select sc.id, o.owner_id, o.team_id, o.deleted_at is not null as in_bin, sc.to_stage, sc.changed_at,
    lead(sc.changed_at) over (partition by sc.organisation_id order by sc.changed_at, sc.id) as left_at,
    (select max(e.changed_at) from stage_changes e where e.organisation_id = sc.organisation_id
      and e.to_stage = sc.to_stage and (e.changed_at, e.id) < (sc.changed_at, sc.id)) as previous_same_at,
    (select min(l.changed_at) from stage_changes l where l.organisation_id = sc.organisation_id
      and l.changed_at > sc.changed_at and l.to_stage > sc.to_stage) as advanced_at
  from stage_changes sc join organisations o on o.id = sc.organisation_id`

async function expectKeptExact(step: string) {
  const { db } = state
  const history = await db.execute(sql`with r as (${reference})
    select r.id from r join stage_changes s on s.id = r.id
    where (s.left_at, s.previous_same_at, s.advanced_at, s.org_in_bin)
      is distinct from (r.left_at, r.previous_same_at, r.advanced_at, r.in_bin)`)
  expect(history.rows, `${step}: moves whose kept history is wrong`).toEqual([])
  const totals = (source: ReturnType<typeof sql>) =>
    db.execute(sql`select team_id, owner_id, stage, day::text, sum(entries)::int as entries,
        sum(advanced)::int as advanced, sum(stays)::int as stays, sum(stay_seconds)::float8 as seconds
      from (${source}) t group by 1, 2, 3, 4
      having sum(entries) <> 0 or sum(advanced) <> 0 or sum(stays) <> 0 or sum(stay_seconds) <> 0
      order by 1, 2, 3, 4`)
  const expected = await totals(sql`with r as (${reference})
    select team_id, owner_id, to_stage as stage, (changed_at at time zone 'UTC')::date as day, 1 as entries,
      (advanced_at is not null)::int as advanced, 0 as stays, 0::numeric as stay_seconds
    from r where not in_bin and previous_same_at is null
    union all
    select team_id, owner_id, to_stage, (left_at at time zone 'UTC')::date, 0, 0, 1,
      extract(epoch from left_at - changed_at)
    from r where not in_bin and left_at is not null`)
  const kept = await totals(sql`select * from pipeline_day_totals`)
  expect(kept.rows, `${step}: day totals`).toEqual(expected.rows)
}

async function expectAnalyticsFromTotalsExact(step: string) {
  const { db } = state
  const windows = [
    { from: at(45), to: at(0) },
    { from: at(45.5), to: at(15.25) },
    { from: at(35.7), to: at(11.2) },
    { from: at(3.5), to: at(2.2) },
    { from: at(400), to: at(0) },
  ]
  // The totals answer no filter and an owner filter; a filter on every type reads the moves.
  const owners = (await db.execute<{ id: string }>(sql`select id from users where role = 'sales' order by email`)).rows
  const filters = [{}, ...owners.map(({ id }) => ({ ownerId: id }))]
  for (const user of await authUsers(db))
    for (const window of windows)
      for (const filter of filters) {
        const query = { ...window, ...filter }
        const fromTotals = await pipelineAnalytics(db, user, PipelineAnalyticsQuery.parse(query))
        const fromMoves = await pipelineAnalytics(
          db,
          user,
          PipelineAnalyticsQuery.parse({ ...query, type: 'INVESTISSEUR,FOURNISSEUR,DISTRIBUTEUR,EMETTEUR' }),
        )
        const label = `${step}, ${user.email}, ${JSON.stringify(query)}`
        expect(fromTotals.funnel, label).toEqual(fromMoves.funnel)
        expect(fromTotals.conversions, label).toEqual(fromMoves.conversions)
        expect(fromTotals.averageDaysInStage, label).toEqual(fromMoves.averageDaysInStage)
      }
}

describe('pipeline day totals', () => {
  test('follow every kind of write, and the analytics they give equal the moves’ own', async () => {
    const { db } = state
    await seedDemo(db, { organisations: 12, people: 12 })
    const ids = async (q: ReturnType<typeof sql>) => (await db.execute<{ id: string }>(q)).rows.map((r) => r.id)
    const [sales, sales2] = await ids(sql`select id from users where role = 'sales' order by email`)
    const team = async (user: string) =>
      (await db.execute<{ team_id: string }>(sql`select team_id from users where id = ${user}`)).rows[0]!.team_id
    const organisation = async (name: string, owner: string) =>
      (
        await ids(sql`insert into organisations (name, type, city, owner_id, team_id)
          values (${name}, 'INVESTISSEUR', 'Totville', ${owner}, ${await team(owner)}) returning id`)
      )[0]!
    const move = (org: string, stage: string, daysAgo: number) =>
      db.execute(sql`insert into stage_changes (organisation_id, to_stage, changed_at)
        values (${org}, ${stage}, ${at(daysAgo)})`)
    const [a, b, c] = [
      await organisation('Aller-retour', sales!),
      await organisation('Rapide', sales2!),
      await organisation('Immobile', sales!),
    ]
    // Back and forth, with re-entries inside the windows' whole days and a signature.
    for (const [stage, ago] of [
      ['PROSPECT', 100],
      ['QUALIFICATION', 50],
      ['PROSPECT', 40],
      ['QUALIFICATION', 30],
      ['SIGNE', 10],
    ] as const)
      await move(a, stage, ago)
    await move(b, 'PROSPECT', 20)
    await move(b, 'PROPOSITION', 5)
    await move(c, 'PROSPECT', 60)
    await expectKeptExact('after the moves')

    // Several moves in one statement, one of them placed before the organisation's latest.
    await db.execute(sql`insert into stage_changes (organisation_id, to_stage, changed_at)
      values (${b}, 'QUALIFICATION', ${at(12)}), (${c}, 'QUALIFICATION', ${at(33)}), (${c}, 'PROPOSITION', ${at(33)})`)
    await expectKeptExact('after moves inserted between others, two at the same instant')
    await db.execute(sql`update stage_changes set changed_at = ${at(2.5)}
      where organisation_id = ${b} and to_stage = 'QUALIFICATION'`)
    await expectKeptExact('after a move was moved in time')
    await db.execute(sql`delete from stage_changes where organisation_id = ${a} and to_stage = 'SIGNE'`)
    await expectKeptExact('after a move was deleted')

    // A sales user sees an organisation of another through a task assigned to them.
    await db.execute(sql`insert into tasks (title, organisation_id, assignee_id, created_by, team_id, due_at)
      values ('Relancer', ${b}, ${sales}, ${sales}, ${await team(sales!)}, now())`)
    await expectAnalyticsFromTotalsExact('with a history of moves back and forth')

    await db.execute(sql`update organisations set deleted_at = now() where id = ${a}`)
    await expectKeptExact('after an organisation went to the bin')
    await expectAnalyticsFromTotalsExact('with an organisation in the bin')
    await db.execute(sql`update organisations set deleted_at = null where id = ${a}`)
    await expectKeptExact('after it came back')
    await db.execute(
      sql`update organisations set owner_id = ${sales2}, team_id = ${await team(sales2!)} where id = ${c}`,
    )
    await expectKeptExact('after an organisation changed owner and team')
    await db.execute(sql`delete from organisations where id = ${b}`)
    await expectKeptExact('after a live organisation was deleted outright')
    await expectAnalyticsFromTotalsExact('after reassignments and deletions')
  })
})
