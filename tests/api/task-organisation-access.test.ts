// A sales user sees the organisations of the tasks assigned to them. The scope reads the pairs the
// database keeps for it (organisation_task_users, migration 0011); after each kind of write the
// pairs must be exactly those the tasks and owners give, and the sales list must show them.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { listOrganisations } from '../../worker/organisations/organisation.service.ts'
import { OrganisationListQuery } from '../../worker/organisations/organisation.schema.ts'
import { authUser } from '../setup/auth-users.ts'

const state = ownDatabase()

type Pair = { user_id: string; organisation_id: string }
const sorted = (pairs: Pair[]) => pairs.map((p) => `${p.user_id}/${p.organisation_id}`).sort()

async function expectPairsExact(step: string) {
  const { db } = state
  const kept = await db.execute<Pair>(sql`select user_id, organisation_id from organisation_task_users`)
  const expected = await db.execute<Pair>(sql`
    select distinct t.assignee_id as user_id, t.organisation_id from tasks t
    join organisations o on o.id = t.organisation_id
    where t.deleted_at is null and t.assignee_id is not null and t.assignee_id is distinct from o.owner_id`)
  expect(sorted(kept.rows), step).toEqual(sorted(expected.rows))
}

describe('organisations seen through tasks', () => {
  test('the kept pairs follow task and owner changes, and the sales list shows their organisations', async () => {
    const { db } = state
    await seedDemo(db, { organisations: 30, people: 30 })
    await expectPairsExact('after the seed')
    const users = (
      await db.execute<{ id: string; email: string; team_id: string }>(
        sql`select id, email, team_id from users where role = 'sales' order by email`,
      )
    ).rows
    const [sales, other] = users as [(typeof users)[0], (typeof users)[0]]
    const theirs = (
      await db.execute<{ id: string }>(sql`select id from organisations where owner_id = ${other.id} limit 2`)
    ).rows.map((r) => r.id) as [string, string]
    const salesUser = await authUser(db, sales.email)
    const visible = async (id: string) =>
      (await listOrganisations(db, salesUser, OrganisationListQuery.parse({ limit: '100' }))).data.some(
        (o: { id: string }) => o.id === id,
      )
    expect(await visible(theirs[0])).toBe(false)

    await db.execute(sql`insert into tasks (title, organisation_id, assignee_id, created_by) values
      ('through a task', ${theirs[0]}, ${sales.id}, ${other.id}), ('second', ${theirs[0]}, ${sales.id}, ${other.id})`)
    await expectPairsExact('after assigning tasks on an organisation of another owner')
    expect(await visible(theirs[0])).toBe(true)
    await db.execute(sql`update tasks set deleted_at = now() where title = 'through a task'`)
    await expectPairsExact('after deleting one of the two tasks')
    expect(await visible(theirs[0])).toBe(true)
    await db.execute(sql`update tasks set organisation_id = ${theirs[1]} where title = 'second'`)
    await expectPairsExact('after moving the other task to another organisation')
    expect([await visible(theirs[0]), await visible(theirs[1])]).toEqual([false, true])
    await db.execute(sql`update organisations set owner_id = ${sales.id} where id = ${theirs[1]}`)
    await expectPairsExact('after the assignee became the owner')
    await db.execute(sql`update organisations set owner_id = ${other.id} where id = ${theirs[1]}`)
    await expectPairsExact('after the ownership went back')
    expect(await visible(theirs[1])).toBe(true)
    await db.execute(sql`update tasks set assignee_id = ${other.id} where title = 'second'`)
    await expectPairsExact('after reassigning the task to the owner')
    expect(await visible(theirs[1])).toBe(false)
    await db.execute(sql`update tasks set assignee_id = ${sales.id} where title = 'second'`)
    await db.execute(sql`delete from organisations where id = ${theirs[1]}`)
    await expectPairsExact('after the organisation was deleted outright')
    await db.execute(
      sql`insert into tasks (title, organisation_id, assignee_id) values ('third', ${theirs[0]}, ${sales.id})`,
    )
    await db.execute(sql`delete from tasks where title = 'third'`)
    await expectPairsExact('after a task was deleted outright')
  })
})
