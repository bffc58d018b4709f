// Record scope by role (DESIGN.md): admin everything; manager and viewer their team; sales what
// they own or are assigned to. Every list, detail, count, search and push goes through here.
import { type AnyColumn, and, eq, isNull, or, sql, type SQL } from 'drizzle-orm'
import { organisations, people, tasks, mandates, interactions, stageChanges } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'

const none = sql`false`

// An organisation's scope on the columns that hold its id, owner and team: the organisation's own,
// or those a record keeps of its organisation (stage_changes.org_owner_id and org_team_id,
// migration 0012), so a count over records needs no look-up of each one's organisation.
type OrganisationColumns = { id: AnyColumn | SQL; ownerId: AnyColumn | SQL; teamId: AnyColumn | SQL }

function scopeOnOrganisation(user: AuthUser, columns: OrganisationColumns): SQL | undefined {
  if (user.role === 'admin') return undefined
  const own = scopeOnOwnerOrTeam(user, columns)
  if (user.role !== 'sales') return own ?? none
  // Organisations of the user's tasks: the pairs the database keeps for tasks on organisations
  // the user does not own (organisation_task_users, migration 0011), usually none or a few, where
  // the user's every task was read and hashed by each statement. Uncorrelated on purpose: a
  // correlated EXISTS ran once per candidate row (240 ms for a search word matching 10,000
  // organisations, bench/search.bench.ts).
  return or(
    own ?? none,
    sql`${columns.id} in (select organisation_id from organisation_task_users where user_id = ${user.id})`,
  )
}

// The part of an organisation's scope that its owner and team decide, without the organisations
// a sales user sees through their tasks: what totals kept per team and owner can answer (their
// readers add those organisations apart). Null when nothing is in scope.
export function scopeOnOwnerOrTeam(user: AuthUser, columns: Omit<OrganisationColumns, 'id'>): SQL | null {
  if (user.role === 'admin') return sql`true`
  if (user.role === 'sales') return sql`${columns.ownerId} = ${user.id}`
  return user.teamId ? sql`${columns.teamId} = ${user.teamId}` : null
}

export const organisationScope = (user: AuthUser) =>
  scopeOnOrganisation(user, { id: organisations.id, ownerId: organisations.ownerId, teamId: organisations.teamId })

// The scope of a stage change's organisation, from the columns the change keeps of it.
export const stageChangeOrganisationScope = (user: AuthUser) =>
  scopeOnOrganisation(user, {
    id: stageChanges.organisationId,
    ownerId: sql`${stageChanges}.org_owner_id`,
    teamId: sql`${stageChanges}.org_team_id`,
  })

export function personScope(user: AuthUser): SQL | undefined {
  if (user.role === 'admin') return undefined
  if (user.role === 'manager' || user.role === 'viewer') return user.teamId ? eq(people.teamId, user.teamId) : none
  // people.org_owner_ids (kept by triggers, migration 0008) holds the owners of the person's live
  // organisations: a test on the row already read, or a GIN bitmap when few match. The correlated
  // EXISTS through the links it replaces was hashed over all of the user's ~50,000 links on each
  // page (45-53 ms on the 200,000-people seed; bench/api.bench.ts).
  return or(eq(people.ownerId, user.id), sql`${people.orgOwnerIds} @> array[${user.id}]::uuid[]`)
}

export function mandateScope(user: AuthUser): SQL | undefined {
  if (user.role === 'admin') return undefined
  if (user.role === 'manager' || user.role === 'viewer') return user.teamId ? eq(mandates.teamId, user.teamId) : none
  // The organisation's owner as the mandate keeps it (org_owner_id, migration 0012).
  return or(eq(mandates.ownerId, user.id), sql`${mandates}.org_owner_id = ${user.id}`)
}

export function interactionScope(user: AuthUser): SQL | undefined {
  if (user.role === 'admin') return undefined
  if (user.role === 'manager' || user.role === 'viewer')
    return user.teamId ? eq(interactions.teamId, user.teamId) : none
  return or(eq(interactions.userId, user.id), orgVisibleBySales(user, interactions.organisationId))
}

type TaskColumns = { teamId: AnyColumn | SQL; assigneeId: AnyColumn | SQL; createdBy: AnyColumn | SQL }

function scopeOnTask(user: AuthUser, columns: TaskColumns): SQL | undefined {
  if (user.role === 'admin') return undefined
  if (user.role === 'manager' || user.role === 'viewer')
    return user.teamId ? sql`${columns.teamId} = ${user.teamId}` : none
  return or(sql`${columns.assigneeId} = ${user.id}`, sql`${columns.createdBy} = ${user.id}`)
}

export const taskScope = (user: AuthUser) =>
  scopeOnTask(user, { teamId: tasks.teamId, assigneeId: tasks.assigneeId, createdBy: tasks.createdBy })

// The same scope on the open-task counts the database keeps (open_task_totals, migration 0010).
export const openTaskTotalsScope = (user: AuthUser) =>
  scopeOnTask(user, { teamId: sql`team_id`, assigneeId: sql`assignee_id`, createdBy: sql`created_by` })

function orgVisibleBySales(user: AuthUser, column: typeof interactions.organisationId) {
  // A scalar look-up per row, never hashed: as an EXISTS in the scope's OR, Postgres hashed all of
  // the user's organisations (25,000 on the large seed, 23 ms) for a statement that looks at a few
  // rows (the latest interactions) or at rows mostly the user's own, which the OR's first part
  // accepts before this runs.
  return sql`(select o.owner_id from ${organisations} o where o.id = ${column}) = ${user.id}`
}

// A record's organisation is not in the bin: the bin's few ids hashed once per statement
// (organisations_binned_idx), where a probe per row read the organisation of each of thousands of
// counted records. For records whose organisation is always set (an id outside the bin).
export const organisationNotInBin = (column: AnyColumn | SQL) =>
  sql`${column} not in (select o.id from ${organisations} o where o.deleted_at is not null)`
// The same for records that may have no organisation (a task).
export const noOrganisationOrNotInBin = (column: AnyColumn | SQL) =>
  sql`(${column} is null or ${organisationNotInBin(column)})`

// Joins that read another record's name for a response: the name comes only when the caller may
// see that record, otherwise the joined columns are null. A record in scope (a task assigned to
// me) must not name one outside it (its organisation, handed to another team since).
export const visibleOrganisationJoin = (user: AuthUser, id: AnyColumn | SQL) =>
  and(eq(organisations.id, id), isNull(organisations.deletedAt), organisationScope(user))
export const visiblePersonJoin = (user: AuthUser, id: AnyColumn | SQL) =>
  and(eq(people.id, id), isNull(people.deletedAt), personScope(user))

// The name of an organisation joined in full (a mandate's, which the row cannot do without), or
// null when the caller may not see that organisation: the row keeps its place in the list.
export const organisationNameIfVisible = (user: AuthUser) => {
  const scope = organisationScope(user)
  return scope
    ? sql<string | null>`case when ${scope} then ${organisations.name} end`
    : sql<string | null>`${organisations.name}`
}

export const notDeleted = (column: typeof organisations.deletedAt) => isNull(column)
export const scoped = (...conds: (SQL | undefined)[]) => and(...conds.filter(Boolean))

// The list cache's partition (worker/cache/list-cache.ts): the rules above give every admin the
// same rows, every manager or viewer of a team the same rows, and a sales user rows of their own.
export function scopeKey(user: AuthUser): string {
  if (user.role === 'admin') return 'all'
  if (user.role === 'sales') return `user:${user.id}`
  return user.teamId ? `team:${user.teamId}` : 'none'
}
