// Mandates keep their organisation's owner and stage changes its owner and team (migration 0012),
// so the dashboard counts within a scope from its indexes. After each kind of write the kept
// columns must be the organisation's own.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'

const state = ownDatabase()

async function expectKeptExact(step: string) {
  const { db } = state
  const stale = await db.execute<{ kind: string; id: string }>(sql`
    select 'mandate' as kind, m.id::text from mandates m join organisations o on o.id = m.organisation_id
    where m.org_owner_id is distinct from o.owner_id
    union all
    select 'stage change', s.id::text from stage_changes s join organisations o on o.id = s.organisation_id
    where (s.org_owner_id, s.org_team_id) is distinct from (o.owner_id, o.team_id)`)
  expect(stale.rows, step).toEqual([])
}

describe('records keep their organisation’s owner and team', () => {
  test('through inserts, reassignments and moves to another organisation', async () => {
    const { db } = state
    await seedDemo(db, { organisations: 20, people: 20 })
    await expectKeptExact('after the seed')
    const counts = (
      await db.execute<{ m: number; s: number }>(
        sql`select (select count(*) from mandates)::int m, (select count(*) from stage_changes)::int s`,
      )
    ).rows[0]!
    expect(counts.m).toBeGreaterThan(0)
    expect(counts.s).toBeGreaterThan(0)
    const [a, b] = (
      await db.execute<{ id: string; owner_id: string; team_id: string }>(
        sql`select distinct on (owner_id) id, owner_id, team_id from organisations where owner_id is not null
          order by owner_id, id limit 2`,
      )
    ).rows as [{ id: string; owner_id: string; team_id: string }, { id: string; owner_id: string; team_id: string }]
    await db.execute(sql`insert into mandates (number, organisation_id, status) values ('M-TEST-1', ${a.id}, 'SIGNE')`)
    await db.execute(sql`insert into stage_changes (organisation_id, to_stage) values (${a.id}, 'QUALIFICATION')`)
    await expectKeptExact('after inserting')
    await db.execute(sql`update organisations set owner_id = ${b.owner_id}, team_id = ${b.team_id} where id = ${a.id}`)
    await expectKeptExact('after reassigning the organisation')
    await db.execute(sql`update organisations set owner_id = null where id = ${a.id}`)
    await expectKeptExact('after leaving it without owner')
    await db.execute(sql`update mandates set organisation_id = ${b.id} where number = 'M-TEST-1'`)
    await expectKeptExact('after moving the mandate to another organisation')
  })
})
