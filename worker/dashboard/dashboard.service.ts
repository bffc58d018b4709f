// Dashboard KPIs, each within the caller's scope (the same scope functions as the lists).
import { and, desc, eq, gte, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import { type PgColumn, unionAll } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client.ts'
import { interactions, mandates, organisations, stageChanges, tasks, users } from '../db/schema.ts'
import { PIPELINE_STAGES } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import {
  interactionScope,
  mandateScope,
  organisationNameIfVisible,
  organisationScope,
  openTaskTotalsScope,
  noOrganisationOrNotInBin,
  organisationNotInBin,
  stageChangeOrganisationScope,
  taskScope,
} from '../permissions/scope.ts'
import { foldStageTotals, type StageTotalRow, stageTotalsSql } from '../organisations/stage-totals.ts'
import { weightedPipeline } from '../pipeline/weighted-pipeline.ts'
import { iso, ms } from '../shared/cursor.ts'
import { sumMoneySql } from '../shared/money.ts'

const RECENT = 10
const MONTHS = 6
const money = sumMoneySql

type ActivityKind = 'interaction' | 'stage_change' | 'mandate_signed'

type Kpis = {
  quarterMandates: number
  quarterAmount: string
  quarterOrganisations: number
  openTasks: number
  overdueTasks: number
  monthly: { month: string; count: number; amount: string }[]
  stageTotals: StageTotalRow[]
}

// Organisations moved to SIGNE since the quarter began, within the caller's scope as the moves
// keep their organisation's owner and team (stage_changes_signed_idx holds both): read from the
// index alone, where joining or looking up each move's organisation took 12-25 ms for a quarter's
// ~2,300 moves on the large seed.
function signedOrganisations(user: AuthUser, quarter: Date) {
  return sql`(select count(distinct ${stageChanges.organisationId})::int from ${stageChanges}
    where ${and(
      eq(stageChanges.toStage, 'SIGNE'),
      gte(stageChanges.changedAt, quarter),
      organisationNotInBin(stageChanges.organisationId),
      stageChangeOrganisationScope(user),
    )})`
}

// Open and overdue tasks from the counts the database keeps (open_task_totals, migration 0010),
// within the caller's task scope as conditions on its columns: whole days before today from the
// counts, today's from the tasks themselves (a few, by tasks_open_due_idx).
function openTasks(user: AuthUser) {
  const scope = openTaskTotalsScope(user) ?? sql`true`
  const today = sql`(now() at time zone 'UTC')::date`
  const dueTodayAlready = sql`(select count(*) from ${tasks} where ${and(
    isNull(tasks.deletedAt),
    taskScope(user),
    inArray(tasks.status, ['TODO', 'IN_PROGRESS']),
    sql`${tasks.dueAt} >= (${today}::timestamp at time zone 'UTC') and ${tasks.dueAt} < now()`,
    noOrganisationOrNotInBin(tasks.organisationId),
  )})`
  return sql`(select coalesce(sum(tasks), 0)::int as open,
      (coalesce(sum(tasks) filter (where due_day < ${today}), 0) + ${dueTodayAlready})::int as overdue
    from open_task_totals where ${scope})`
}

const at = (column: PgColumn) => sql`${column}`.mapWith((v) => column.mapFromDriverValue(v) as Date).as('at')
const title = (text: SQL) => sql<string>`${text}`.as('title')

// The latest interactions, stage moves and signatures, each the first ten of its own index
// order, merged in one statement (the union sorts 30 rows).
function recentActivity(db: Db, user: AuthUser, signedMandates: SQL | undefined) {
  const interaction = db
    .select({
      kind: sql<ActivityKind>`'interaction'`.as('kind'),
      id: interactions.id,
      at: at(interactions.occurredAt),
      title: title(sql`${interactions.subject}`),
      organisationId: interactions.organisationId,
      organisationName: organisationNameIfVisible(user).as('organisation_name'),
      userName: users.name,
    })
    .from(interactions)
    .innerJoin(organisations, and(eq(organisations.id, interactions.organisationId), isNull(organisations.deletedAt)))
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(and(isNull(interactions.deletedAt), interactionScope(user)))
    // The list's order (interactions_live_order_idx).
    .orderBy(desc(ms(interactions.occurredAt)), desc(interactions.id))
    .limit(RECENT)
  const move = db
    .select({
      kind: sql<ActivityKind>`'stage_change'`.as('kind'),
      id: stageChanges.id,
      at: at(stageChanges.changedAt),
      title: title(sql`${stageChanges.fromStage} || ' → ' || ${stageChanges.toStage}`),
      organisationId: stageChanges.organisationId,
      organisationName: sql<string | null>`${organisations.name}`.as('organisation_name'),
      userName: users.name,
    })
    .from(stageChanges)
    .innerJoin(organisations, eq(organisations.id, stageChanges.organisationId))
    .leftJoin(users, eq(users.id, stageChanges.changedBy))
    .where(and(isNull(organisations.deletedAt), organisationScope(user), isNotNull(stageChanges.fromStage)))
    .orderBy(desc(stageChanges.changedAt))
    .limit(RECENT)
  const signed = db
    .select({
      kind: sql<ActivityKind>`'mandate_signed'`.as('kind'),
      id: mandates.id,
      at: at(mandates.signedAt),
      title: title(sql`'Mandat ' || ${mandates.number} || ' signé'`),
      organisationId: mandates.organisationId,
      organisationName: organisationNameIfVisible(user).as('organisation_name'),
      userName: users.name,
    })
    .from(mandates)
    .innerJoin(organisations, eq(organisations.id, mandates.organisationId))
    .leftJoin(users, eq(users.id, mandates.ownerId))
    .where(signedMandates)
    .orderBy(desc(mandates.signedAt))
    .limit(RECENT)
  return unionAll(interaction, move, signed).orderBy(sql`at desc`, sql`id`).limit(RECENT)
}

export function quarterStart(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1))
}

export async function dashboard(db: Db, user: AuthUser) {
  const now = new Date()
  const quarter = quarterStart(now)
  const firstMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS - 1), 1))
  // The quarter's months are within the six months' (quarter >= firstMonth): its figures are theirs.
  const quarterMonth = quarter.toISOString().slice(0, 10)
  const signedMandates = and(
    isNull(mandates.deletedAt),
    mandateScope(user),
    isNotNull(mandates.signedAt),
    organisationNotInBin(mandates.organisationId),
  )

  const totalsSql = stageTotalsSql(user)
  const stageTotalsJson = totalsSql
    ? sql`(select coalesce(json_agg(st), '[]'::json) from (${totalsSql}) st)`
    : sql`'[]'::json`
  // Two statements in all (five before): every figure in one, the recent activity in the other.
  // Fewer round trips and fewer statements for the request's one connection to queue.
  const [kpis, recent] = await Promise.all([
    db.execute<Kpis>(sql`
      with months as (
        select date_trunc('month', ${mandates.signedAt} at time zone 'UTC') as m, count(*)::int as count,
          sum(${mandates.amount}) as amount
        from ${mandates} where ${and(signedMandates, gte(mandates.signedAt, firstMonth))} group by 1)
      select
        (select coalesce(sum(count), 0)::int from months where m >= ${quarterMonth}::timestamp) as "quarterMandates",
        (select ${money(sql`amount`)} from months where m >= ${quarterMonth}::timestamp) as "quarterAmount",
        (select coalesce(json_agg(json_build_object('month', to_char(m, 'YYYY-MM'), 'count', count,
            'amount', round(coalesce(amount, 0), 2)::text)), '[]'::json) from months) as monthly,
        ${signedOrganisations(user, quarter)} as "quarterOrganisations",
        t.open as "openTasks", t.overdue as "overdueTasks",
        -- Stage counts, amounts and the stale count from the totals the database keeps (0008).
        ${stageTotalsJson} as "stageTotals"
      from ${openTasks(user)} t`),
    recentActivity(db, user, signedMandates),
  ])

  const kpi = kpis.rows[0]!
  const totals = foldStageTotals(kpi.stageTotals)
  const stages = PIPELINE_STAGES.map((stage) => {
    const r = totals.byStage.find((x) => x.stage === stage)
    return { stage, count: r?.count ?? 0, amount: r?.amount ?? '0.00' }
  })
  const pipeline = weightedPipeline(stages)
  const activity = recent.map(({ at, ...r }) => ({ ...r, at: iso(at)! }))

  const signedPerMonth = Array.from({ length: MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth() + i, 1))
    const month = d.toISOString().slice(0, 7)
    const r = kpi.monthly.find((m) => m.month === month)
    return { month, count: r?.count ?? 0, amount: r?.amount ?? '0.00' }
  })

  return {
    organisationsByStage: stages,
    organisationsTotal: stages.reduce((n, s) => n + s.count, 0),
    signedThisQuarter: {
      mandates: kpi.quarterMandates,
      amount: kpi.quarterAmount,
      organisations: kpi.quarterOrganisations,
    },
    pipelineAmount: pipeline.openAmount,
    weightedPipelineAmount: pipeline.weighted,
    overdueTasks: kpi.overdueTasks,
    openTasks: kpi.openTasks,
    staleOrganisations: totals.stale,
    recentActivity: activity,
    signedPerMonth,
  }
}
