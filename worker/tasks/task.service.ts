// Tasks: assignment, due dates, completion. Events: task.created|updated|deleted, and with an
// update task.assigned (a new assignee) and task.completed (moved to DONE).
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { organisations, people, tasks, users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import {
  noOrganisationOrNotInBin,
  organisationScope,
  personScope,
  taskScope,
  visibleOrganisationJoin,
  visiblePersonJoin,
} from '../permissions/scope.ts'
import { decodeCursor, encodeCursor, iso, ms } from '../shared/cursor.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { emitEvent } from '../events/outbox.ts'
import { diff, recordChange } from '../shared/history.ts'
import { resolveUser } from '../shared/owner.ts'
import { isUuid, type Tx, type TxOrDb } from '../shared/tx.ts'
import type { TaskInput, TaskListQuery } from './task.schema.ts'

type Row = typeof tasks.$inferSelect
type Names = { assigneeName: string | null; organisationName: string | null; personName: string | null }
const OPEN = ['TODO', 'IN_PROGRESS'] as const
export type TaskDto = ReturnType<typeof toTaskDto>

export function toTaskDto(row: Row, names: Names) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    dueAt: iso(row.dueAt),
    priority: row.priority,
    status: row.status,
    assigneeId: row.assigneeId,
    assigneeName: names.assigneeName,
    createdBy: row.createdBy,
    teamId: row.teamId,
    organisationId: row.organisationId,
    organisationName: names.organisationName,
    personId: row.personId,
    personName: names.personName,
    completedAt: iso(row.completedAt),
    isOverdue:
      (OPEN as readonly string[]).includes(row.status) && row.dueAt !== null && row.dueAt.getTime() < Date.now(),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  }
}
// A task of a deleted organisation is hidden with it.
const visible = (user: AuthUser) =>
  and(isNull(tasks.deletedAt), taskScope(user), noOrganisationOrNotInBin(tasks.organisationId))

// "due" order: open and overdue first, then by due date, undated last.
const openOverdue = sql`${tasks.status} in ('TODO', 'IN_PROGRESS') and ${tasks.dueAt} < now()`
const overdueRank = sql`(case when ${openOverdue} then 0 else 1 end)`
const dueKey = sql`coalesce(${ms(tasks.dueAt)}, 'infinity'::timestamptz)`
// The list reads the two ranks apart, each in due order along an index on dueKey (migration
// 0014): ordered by the rank, whose "now" no index can hold, every page sorted all the tasks in
// scope (0.25-0.95 s on the large seed). The second test of the overdue part is implied by the first
// (a due date truncated to the millisecond is not later than itself): it bounds the index range.
const overduePart = sql`${openOverdue} and ${dueKey} < now()`
const laterPart = sql`not coalesce(${openOverdue}, false)`

// The task's person as "First Last" (null when not visible: the join below gives no row).
export const taskPersonName = sql<string | null>`${people.firstName} || ' ' || ${people.lastName}`

function selectTasks(db: TxOrDb, user: AuthUser) {
  return db
    .select({
      t: tasks,
      assigneeName: users.name,
      organisationName: organisations.name,
      personName: taskPersonName,
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .leftJoin(organisations, visibleOrganisationJoin(user, tasks.organisationId))
    .leftJoin(people, visiblePersonJoin(user, tasks.personId))
}

// The list's conditions (scope included), shared with the CSV export.
export function taskFilters(user: AuthUser, q: Partial<TaskListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [visible(user)]
  if (q.mine === 'true') conds.push(eq(tasks.assigneeId, user.id))
  if (q.assigneeId) conds.push(eq(tasks.assigneeId, q.assigneeId))
  if (q.status?.length) conds.push(inArray(tasks.status, q.status))
  if (q.priority?.length) conds.push(inArray(tasks.priority, q.priority))
  if (q.organisationId) conds.push(eq(tasks.organisationId, q.organisationId))
  if (q.personId) conds.push(eq(tasks.personId, q.personId))
  if (q.overdue === 'true') conds.push(overduePart)
  if (q.overdue === 'false') conds.push(laterPart)
  return and(...conds)
}

// The list's keyset, (rank, due, id) or (createdAt, id), also followed by the CSV export.
export function taskOrder(sort: TaskListQuery['sort']) {
  const byDue = sort === 'due'
  const keys = byDue ? [overdueRank, dueKey, sql`${tasks.id}`] : [ms(tasks.createdAt), sql`${tasks.id}`]
  return { byDue, keys, descending: sort === '-createdAt' }
}

export async function listTasks(db: Db, user: AuthUser, q: TaskListQuery) {
  const { byDue, keys, descending } = taskOrder(q.sort)
  // By due date, "overdue" picks the parts read (the same conditions), not a filter on each.
  if (byDue) return listTasksByDue(db, user, q, taskFilters(user, { ...q, overdue: undefined }))
  const filters = taskFilters(user, q)
  const after = q.cursor ? decodeCursor(q.cursor) : undefined
  const rows = await selectTasks(db, user)
    .where(
      and(
        filters,
        after &&
          sql`(${ms(tasks.createdAt)}, ${tasks.id})
            ${descending ? sql`<` : sql`>`} (${String(after[0])}::timestamptz, ${after[1]}::uuid)`,
      ),
    )
    .orderBy(...keys.map((k) => (descending ? desc : asc)(k)))
    .limit(q.limit + 1)
  return taskPage(rows, q.limit, (r) => iso(r.t.createdAt))
}

// The overdue part first, then the others, each from the cursor's place; a page that ends the
// first part goes on into the second (two statements on that page only).
async function listTasksByDue(db: Db, user: AuthUser, q: TaskListQuery, filters: SQL | undefined) {
  // Only closed statuses asked for: nothing is overdue, the first part would read for nothing.
  const openAsked = !q.status?.length || q.status.some((s) => (OPEN as readonly string[]).includes(s))
  let rank = q.overdue === 'false' || !openAsked ? 1 : 0
  let after: SQL | undefined
  let afterRank = -1
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    const [r, due] = String(value).split('|')
    afterRank = Number(r) === 1 ? 1 : 0
    rank = Math.max(rank, afterRank)
    after = sql`(${dueKey}, ${tasks.id}) > (${due ?? 'infinity'}::timestamptz, ${id}::uuid)`
  }
  const rows: (ListedTask & { rank: number })[] = []
  const lastRank = q.overdue === 'true' ? 0 : 1
  for (let r = rank; r <= lastRank && rows.length <= q.limit; r++) {
    const part = await selectTasks(db, user)
      .where(and(filters, r === 0 ? overduePart : laterPart, r === afterRank ? after : undefined))
      .orderBy(asc(dueKey), asc(tasks.id))
      .limit(q.limit + 1 - rows.length)
    rows.push(...part.map((row) => ({ ...row, rank: r })))
  }
  return taskPage(rows, q.limit, (r) => `${r.rank}|${r.t.dueAt ? r.t.dueAt.toISOString() : 'infinity'}`)
}

type ListedTask = { t: Row } & Names

function taskPage<T extends ListedTask>(rows: T[], limit: number, cursorValue: (row: T) => string | null) {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    data: page.map((r) => toTaskDto(r.t, r)),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorValue(last), last.t.id) : null,
  }
}

export async function getTaskRow(db: TxOrDb, user: AuthUser, id: string, { forUpdate = false } = {}) {
  if (!isUuid(id)) throw notFound()
  const query = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), visible(user)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

export async function taskDto(db: TxOrDb, user: AuthUser, id: string) {
  const [row] = await selectTasks(db, user).where(eq(tasks.id, id))
  return toTaskDto(row!.t, row!)
}

export const getTask = async (db: Db, user: AuthUser, id: string) =>
  taskDto(db, user, (await getTaskRow(db, user, id)).id)

// Linked records must be visible to the author; the task sits with its organisation's team.
async function checkLinks(tx: Tx, user: AuthUser, input: Partial<TaskInput>) {
  let teamId: string | null | undefined
  if (input.organisationId) {
    const [org] = await tx
      .select({ teamId: organisations.teamId })
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), isNull(organisations.deletedAt), organisationScope(user)))
    if (!org) throw badRequest('Données invalides.', [{ path: 'organisationId', message: 'Organisation introuvable.' }])
    teamId = org.teamId
  }
  if (input.personId) {
    const [p] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.personId), isNull(people.deletedAt), personScope(user)))
    if (!p) throw badRequest('Données invalides.', [{ path: 'personId', message: 'Personne introuvable.' }])
  }
  return teamId
}

export async function createTask(db: Db, user: AuthUser, input: TaskInput) {
  return db.transaction(async (tx) => {
    const orgTeam = await checkLinks(tx, user, input)
    const assignee = input.assigneeId
      ? await resolveUser(tx, user, input.assigneeId, 'assigneeId')
      : { id: user.id, teamId: user.teamId }
    const done = input.status === 'DONE'
    const [row] = await tx
      .insert(tasks)
      .values({
        ...input,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        assigneeId: assignee.id,
        createdBy: user.id,
        teamId: orgTeam !== undefined ? orgTeam : assignee.teamId,
        completedAt: done ? new Date() : null,
      })
      .returning()
    await recordChange(tx, 'task', row!.id, user.id, 'created')
    const dto = await taskDto(tx, user, row!.id)
    await emitEvent(tx, 'task.created', user, { task: dto })
    if (done) await emitEvent(tx, 'task.completed', user, { task: dto })
    return dto
  })
}

export async function updateTask(db: Db, user: AuthUser, id: string, input: Partial<TaskInput>) {
  return db.transaction(async (tx) => {
    const before = await getTaskRow(tx, user, id, { forUpdate: true })
    const orgTeam = await checkLinks(tx, user, {
      organisationId: input.organisationId !== before.organisationId ? input.organisationId : undefined,
      personId: input.personId !== before.personId ? input.personId : undefined,
    })
    const assignee =
      input.assigneeId && input.assigneeId !== before.assigneeId
        ? await resolveUser(tx, user, input.assigneeId, 'assigneeId')
        : null
    const status = input.status ?? before.status
    const completing = status === 'DONE' && before.status !== 'DONE'
    const reopening = status !== 'DONE' && before.status === 'DONE'
    const { dueAt, ...fields } = input
    const [after] = await tx
      .update(tasks)
      .set({
        ...fields,
        ...(dueAt !== undefined ? { dueAt: dueAt ? new Date(dueAt) : null } : {}),
        ...(orgTeam !== undefined ? { teamId: orgTeam } : {}),
        ...(completing ? { completedAt: new Date() } : reopening ? { completedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(tasks.id, id))
      .returning()
    const changes = diff(before, after!)
    const dto = await taskDto(tx, user, id)
    if (Object.keys(changes).length) {
      await recordChange(tx, 'task', id, user.id, 'updated', changes)
      await emitEvent(tx, 'task.updated', user, { task: dto, changes })
      if (assignee) await emitEvent(tx, 'task.assigned', user, { task: dto, previousAssigneeId: before.assigneeId })
      if (completing) await emitEvent(tx, 'task.completed', user, { task: dto })
    }
    return dto
  })
}

export async function deleteTask(db: Db, user: AuthUser, id: string) {
  await db.transaction(async (tx) => {
    const row = await getTaskRow(tx, user, id, { forUpdate: true })
    await tx.update(tasks).set({ deletedAt: new Date(), updatedAt: new Date() }).where(eq(tasks.id, row.id))
    await recordChange(tx, 'task', id, user.id, 'deleted')
    await emitEvent(tx, 'task.deleted', user, { task: await taskDto(tx, user, id) })
  })
}
