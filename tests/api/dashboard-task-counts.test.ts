// The dashboard's open and overdue tasks come from counts the database keeps (open_task_totals,
// migration 0010). Each step below writes the way the app or an administrator can, and the counts
// must equal a plain count of the tasks themselves, for every role's scope.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { dashboard } from '../../worker/dashboard/dashboard.service.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import { authUsers } from '../setup/auth-users.ts'

const state = ownDatabase()

const users = () => authUsers(state.db)

// The definition, written independently of the counts: a live open task whose organisation, if
// any, is live, within the role's task scope.
async function counted(user: AuthUser) {
  const scope =
    user.role === 'admin'
      ? sql`true`
      : user.role === 'sales'
        ? sql`(t.assignee_id = ${user.id} or t.created_by = ${user.id})`
        : sql`t.team_id = ${user.teamId}`
  const r = await state.db.execute<{ open: number; overdue: number }>(sql`
    select count(*)::int as open, (count(*) filter (where t.due_at < now()))::int as overdue
    from tasks t left join organisations o on o.id = t.organisation_id
    where t.deleted_at is null and t.status in ('TODO', 'IN_PROGRESS')
      and (t.organisation_id is null or o.deleted_at is null) and ${scope}`)
  return r.rows[0]!
}

async function expectCountsExact(step: string) {
  for (const user of await users()) {
    const d = await dashboard(state.db, user)
    expect({ open: d.openTasks, overdue: d.overdueTasks }, `${step}, ${user.email}`).toEqual(await counted(user))
  }
}

describe('open and overdue tasks on the dashboard', () => {
  test('stay equal to a count of the tasks through every kind of write', async () => {
    const { db } = state
    await seedDemo(db, { organisations: 40, people: 40 })
    await expectCountsExact('after the seed')
    const [sales, other] = (await users()).filter((u) => u.role === 'sales')
    const org = (
      await db.execute<{ id: string }>(sql`select id from organisations where owner_id = ${sales!.id} limit 1`)
    ).rows[0]!.id
    // Due earlier today, later today, yesterday, in a week, never; one without an organisation.
    const midnight = sql`(date_trunc('day', now() at time zone 'UTC') at time zone 'UTC')`
    const earlierToday = sql`greatest(${midnight}, now() - interval '1 minute')`
    const laterToday = sql`least(now() + interval '1 minute', ${midnight} + interval '1 day' - interval '1 second')`
    await db.execute(sql`
      insert into tasks (title, organisation_id, assignee_id, created_by, team_id, due_at, status) values
        ('earlier today', ${org}, ${sales!.id}, ${sales!.id}, ${sales!.teamId}, ${earlierToday}, 'TODO'),
        ('later today', ${org}, ${sales!.id}, ${other!.id}, ${sales!.teamId}, ${laterToday}, 'IN_PROGRESS'),
        ('yesterday', ${org}, ${other!.id}, ${sales!.id}, ${other!.teamId}, now() - interval '1 day', 'TODO'),
        ('next week', null, ${sales!.id}, ${sales!.id}, ${sales!.teamId}, now() + interval '7 days', 'TODO'),
        ('no date', null, null, ${other!.id}, null, null, 'TODO')`)
    await expectCountsExact('after inserting')
    await db.execute(sql`update tasks set status = 'DONE' where title = 'yesterday'`)
    await expectCountsExact('after completing one')
    await db.execute(sql`update tasks set status = 'TODO' where title = 'yesterday'`)
    await db.execute(
      sql`update tasks set assignee_id = ${other!.id}, team_id = ${other!.teamId} where title = 'next week'`,
    )
    await db.execute(sql`update tasks set due_at = now() - interval '3 days' where title = 'no date'`)
    await expectCountsExact('after reopening, reassigning and dating')
    await db.execute(sql`update tasks set deleted_at = now() where title = 'later today'`)
    await expectCountsExact('after deleting one')
    await db.execute(sql`update organisations set deleted_at = now() where id = ${org}`)
    await expectCountsExact('after its organisation went to the bin')
    await db.execute(sql`update tasks set organisation_id = null where title = 'earlier today'`)
    await db.execute(sql`update organisations set deleted_at = null where id = ${org}`)
    await expectCountsExact('after a task left it and it came back')
    await db.execute(sql`delete from organisations where id = ${org}`)
    await expectCountsExact('after it was deleted outright')
    const binned = (
      await db.execute<{ id: string }>(
        sql`update organisations set deleted_at = now()
          where id = (select organisation_id from tasks where organisation_id is not null and deleted_at is null
            and status = 'TODO' limit 1) returning id`,
      )
    ).rows[0]!.id
    await db.execute(sql`delete from organisations where id = ${binned}`)
    await expectCountsExact('after an organisation in the bin was purged')
    await db.execute(sql`delete from tasks where title = 'no date'`)
    await expectCountsExact('after a task was deleted outright')
  })
})
