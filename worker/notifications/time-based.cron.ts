// Daily: the time-based notification types. Each rule finds (recipient, record) pairs whose
// condition holds; a key names the record and its period (the due date, the stage entered, the
// end date), so a record is reported once per period, and again only if still true a week later
// (`repeatDays`). Keys are claimed in notification_marks in the same transaction as the
// notifications, so two overlapping runs never notify twice.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { isStaleSql } from '../organisations/stale.ts'
import { type NotificationType, type ParamsOf, renderNotification } from './catalogue.ts'
import { afterCommit, type DeliverEnv, storeAndQueue } from './delivery.service.ts'

export const PROPOSAL_STALE_DAYS = 15
export const COLD_CONTACT_DAYS = 14
export const MANDATE_ENDING_DAYS = 30
const REPEAT_DAYS = 7
const CHUNK = 200
export const PER_USER_PER_RUN = 50

type Candidate = { user_id: string; key: string } & Record<string, unknown>
type Rule<T extends NotificationType> = {
  type: T
  repeatDays: number | null // null: once per key
  candidates: SQL // rows of (user_id, key, ...params)
  params: (row: Candidate) => ParamsOf<T>
}
// The open tasks of active assignees, keyed per task and due date (a moved due date notifies again).
const taskCandidates = (type: string, when: SQL) =>
  sql`select t.assignee_id as user_id, ${type}::text || ':' || t.id || ':' || t.due_at::text as key,
        t.id, t.title, t.organisation_id, t.due_at
      from tasks t join users u on u.id = t.assignee_id and ${activeUser}
      where ${openTask} and ${when}`

const taskParams = (r: Record<string, unknown>) => ({
  taskId: String(r.id),
  title: String(r.title),
  organisationId: (r.organisation_id as string) ?? null,
  dueAt: new Date(r.due_at as string).toISOString(),
})

const rule = <T extends NotificationType>(r: Rule<T>): Rule<NotificationType> => r
const days = (v: unknown) => Number(v)

// Recipients follow the scope rules: the assignee for tasks (a sales user reads tasks assigned
// to them), the owner for "my record", the managers of the record's team for the stale alert.
const openTask = sql`t.deleted_at is null and t.status in ('TODO', 'IN_PROGRESS') and t.assignee_id is not null`
const liveOrg = sql`o.deleted_at is null and o.is_active`
const activeUser = sql`u.is_active`

export const RULES = [
  rule({
    type: 'task.due_soon',
    repeatDays: null,
    candidates: taskCandidates('task.due_soon', sql`t.due_at > now() and t.due_at <= now() + interval '24 hours'`),
    params: taskParams,
  }),
  rule({
    type: 'task.overdue',
    repeatDays: REPEAT_DAYS,
    candidates: taskCandidates('task.overdue', sql`t.due_at <= now()`),
    params: taskParams,
  }),
  rule({
    type: 'organisation.stale',
    repeatDays: REPEAT_DAYS,
    candidates: sql`select u.id as user_id, 'organisation.stale:' || o.id || ':' || o.stage_changed_at::text as key,
        o.id, o.name, o.pipeline_stage, extract(day from now() - o.stage_changed_at)::int as days
      from organisations o join users u on u.team_id = o.team_id and u.role = 'manager' and ${activeUser}
      where ${liveOrg} and ${isStaleSql(sql`o.pipeline_stage`, sql`o.stage_changed_at`)}`,
    params: (r) => ({
      organisationId: String(r.id),
      name: String(r.name),
      stage: String(r.pipeline_stage),
      days: days(r.days),
    }),
  }),
  rule({
    type: 'proposal.stale',
    repeatDays: REPEAT_DAYS,
    candidates: sql`select o.owner_id as user_id, 'proposal.stale:' || o.id || ':' || o.stage_changed_at::text as key,
        o.id, o.name, extract(day from now() - o.stage_changed_at)::int as days
      from organisations o join users u on u.id = o.owner_id and ${activeUser}
      where ${liveOrg} and o.pipeline_stage = 'PROPOSITION'
        and o.stage_changed_at < now() - make_interval(days => ${PROPOSAL_STALE_DAYS})`,
    params: (r) => ({ organisationId: String(r.id), name: String(r.name), days: days(r.days) }),
  }),
  rule({
    type: 'contact.cold',
    repeatDays: REPEAT_DAYS,
    candidates: sql`select o.owner_id as user_id,
        'contact.cold:' || o.id || ':' || coalesce(o.last_contact_at, o.created_at)::text as key,
        o.id, o.name, extract(day from now() - coalesce(o.last_contact_at, o.created_at))::int as days
      from organisations o join users u on u.id = o.owner_id and ${activeUser}
      where ${liveOrg} and o.pipeline_stage <> 'SIGNE'
        and coalesce(o.last_contact_at, o.created_at) < now() - make_interval(days => ${COLD_CONTACT_DAYS})`,
    params: (r) => ({ organisationId: String(r.id), name: String(r.name), days: days(r.days) }),
  }),
  rule({
    type: 'mandat.ending',
    repeatDays: null,
    candidates: sql`select u.id as user_id, 'mandat.ending:' || m.id || ':' || m.end_date::text as key,
        m.id, m.number, o.name as organisation_name, m.end_date::text as end_date,
        (m.end_date - current_date)::int as days
      from mandates m join organisations o on o.id = m.organisation_id
      join users u on ${activeUser} and (u.id = m.owner_id or (u.team_id = m.team_id and u.role = 'manager'))
      where m.deleted_at is null and m.status in ('SIGNE', 'ACTIF')
        and m.end_date >= current_date and m.end_date <= current_date + ${MANDATE_ENDING_DAYS}::int`,
    params: (r) => ({
      mandateId: String(r.id),
      number: String(r.number),
      organisationName: (r.organisation_name as string) ?? null,
      endDate: String(r.end_date),
      days: days(r.days),
    }),
  }),
]

// Candidates not yet reported (or reported more than `repeatDays` ago); claimed atomically.
async function runRule(db: Db, env: DeliverEnv, r: Rule<NotificationType>) {
  // A mark still "fresh" blocks the key: forever for once-only rules, else for repeatDays.
  const stillFresh =
    r.repeatDays === null ? sql`true` : sql`m.notified_at >= now() - make_interval(days => ${r.repeatDays})`
  // At most PER_USER_PER_RUN of one type per person per day, in a stable order: a first run on
  // a large imported base would otherwise bury a manager under thousands of alerts (and load them
  // all into one invocation's memory). The others are not marked, so they come on the next days.
  const rows = await db.execute<Candidate>(sql`select * from (
      select c.*, row_number() over (partition by c.user_id order by c.key) as rank from (${r.candidates}) c
      where not exists (select 1 from notification_marks m
        where m.user_id = c.user_id and m.key = c.key and ${stillFresh})) ranked
    where rank <= ${PER_USER_PER_RUN}`)
  let sent = 0
  for (let i = 0; i < rows.rows.length; i += CHUNK) {
    const chunk = rows.rows.slice(i, i + CHUNK)
    const planned = await db.transaction(async (tx) => {
      const pairs = JSON.stringify(chunk.map((c) => ({ user_id: c.user_id, key: c.key })))
      const won = await tx.execute<{ user_id: string; key: string }>(sql`
        insert into notification_marks as m (user_id, key)
        select x.user_id, x.key from jsonb_to_recordset(${pairs}::jsonb) as x(user_id uuid, key text)
        on conflict (user_id, key) do update set notified_at = now() where not (${stillFresh})
        returning m.user_id, m.key`)
      const keys = new Set(won.rows.map((w) => `${w.user_id}|${w.key}`))
      const items = chunk
        .filter((c) => keys.has(`${c.user_id}|${c.key}`))
        .map((c) => renderNotification(c.user_id, r.type, r.params(c), { dedupeKey: c.key }))
      return storeAndQueue(tx, items)
    })
    await afterCommit(db, env, planned)
    sent += planned.stored.length
  }
  return sent
}

export async function notifyTimeBased(db: Db, env: DeliverEnv) {
  const counts: Record<string, number> = {}
  for (const r of RULES) counts[r.type] = await runRule(db, env, r)
  return counts
}
