// Dashboard KPIs, each within the caller's scope (the same scope functions as the lists).
import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { interactions, mandates, organisations, stageChanges, tasks, users } from '../db/schema.ts'
import { PIPELINE_STAGES } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import {
  interactionScope,
  mandateScope,
  organisationNameIfVisible,
  organisationScope,
  taskScope,
} from '../permissions/scope.ts'
import { organisationFilters } from '../organisations/organisation.service.ts'
import { stageTotals } from '../organisations/stage-totals.ts'
import { weightedPipeline } from '../pipeline/weighted-pipeline.ts'
import { iso } from '../shared/cursor.ts'
import { sumMoneySql } from '../shared/money.ts'

const RECENT = 10
const MONTHS = 6
const money = sumMoneySql
const liveOrg = (column: unknown) =>
  sql`exists (select 1 from ${organisations} o where o.id = ${column} and o.deleted_at is null)`

type Kpis = {
  quarterMandates: number
  quarterAmount: string
  quarterOrganisations: number
  openTasks: number
  overdueTasks: number
  monthly: { month: string; count: number; amount: string }[]
}

export function quarterStart(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1))
}

export async function dashboard(db: Db, user: AuthUser) {
  const now = new Date()
  const quarter = quarterStart(now)
  const firstMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS - 1), 1))
  const orgs = organisationFilters(user, {})
  const signedMandates = and(
    isNull(mandates.deletedAt),
    mandateScope(user),
    isNotNull(mandates.signedAt),
    liveOrg(mandates.organisationId),
  )

  const [totals, kpis, recentInteractions, recentMoves, recentSigned] = await Promise.all([
    // Stage counts, amounts and the stale count from the totals the database keeps (0008).
    stageTotals(db, user),
    // The quarter's signatures, open tasks and the months' signatures in one statement: each round
    // trip costs ~1.5 ms on the embedded database, more than these counts' own work.
    db.execute<Kpis>(sql`
      select m.count as "quarterMandates", m.amount as "quarterAmount", o.count as "quarterOrganisations",
        t.open as "openTasks", t.overdue as "overdueTasks",
        (select coalesce(json_agg(x), '[]'::json) from (
          select to_char(date_trunc('month', ${mandates.signedAt} at time zone 'UTC'), 'YYYY-MM') as month,
            count(*)::int as count, ${money(mandates.amount)} as amount
          from ${mandates} where ${and(signedMandates, gte(mandates.signedAt, firstMonth))} group by 1) x) as monthly
      from (select count(*)::int as count, ${money(mandates.amount)} as amount from ${mandates}
          where ${and(signedMandates, gte(mandates.signedAt, quarter))}) m,
        (select count(distinct ${stageChanges.organisationId})::int as count from ${stageChanges}
          inner join ${organisations} on ${organisations.id} = ${stageChanges.organisationId}
          where ${and(orgs, eq(stageChanges.toStage, 'SIGNE'), gte(stageChanges.changedAt, quarter))}) o,
        (select count(*)::int as open, (count(*) filter (where ${tasks.dueAt} < now()))::int as overdue
          from ${tasks}
          where ${and(
            isNull(tasks.deletedAt),
            taskScope(user),
            inArray(tasks.status, ['TODO', 'IN_PROGRESS']),
            sql`(${tasks.organisationId} is null or ${liveOrg(tasks.organisationId)})`,
          )}) t`),
    db
      .select({ i: interactions, organisationName: organisationNameIfVisible(user), userName: users.name })
      .from(interactions)
      .innerJoin(organisations, and(eq(organisations.id, interactions.organisationId), isNull(organisations.deletedAt)))
      .leftJoin(users, eq(users.id, interactions.userId))
      .where(and(isNull(interactions.deletedAt), interactionScope(user)))
      .orderBy(desc(interactions.occurredAt))
      .limit(RECENT),
    db
      .select({ s: stageChanges, organisationName: organisations.name, userName: users.name })
      .from(stageChanges)
      .innerJoin(organisations, eq(organisations.id, stageChanges.organisationId))
      .leftJoin(users, eq(users.id, stageChanges.changedBy))
      .where(and(isNull(organisations.deletedAt), organisationScope(user), isNotNull(stageChanges.fromStage)))
      .orderBy(desc(stageChanges.changedAt))
      .limit(RECENT),
    db
      .select({ m: mandates, organisationName: organisationNameIfVisible(user), userName: users.name })
      .from(mandates)
      .innerJoin(organisations, eq(organisations.id, mandates.organisationId))
      .leftJoin(users, eq(users.id, mandates.ownerId))
      .where(signedMandates)
      .orderBy(desc(mandates.signedAt))
      .limit(RECENT),
  ])

  const kpi = kpis.rows[0]!
  const stages = PIPELINE_STAGES.map((stage) => {
    const r = totals.byStage.find((x) => x.stage === stage)
    return { stage, count: r?.count ?? 0, amount: r?.amount ?? '0.00' }
  })
  const pipeline = weightedPipeline(stages)

  const activity = [
    ...recentInteractions.map((r) => ({
      kind: 'interaction' as const,
      id: r.i.id,
      at: iso(r.i.occurredAt)!,
      title: r.i.subject,
      organisationId: r.i.organisationId,
      organisationName: r.organisationName,
      userName: r.userName,
    })),
    ...recentMoves.map((r) => ({
      kind: 'stage_change' as const,
      id: r.s.id,
      at: iso(r.s.changedAt)!,
      title: `${r.s.fromStage} → ${r.s.toStage}`,
      organisationId: r.s.organisationId,
      organisationName: r.organisationName,
      userName: r.userName,
    })),
    ...recentSigned.map((r) => ({
      kind: 'mandate_signed' as const,
      id: r.m.id,
      at: iso(r.m.signedAt)!,
      title: `Mandat ${r.m.number} signé`,
      organisationId: r.m.organisationId,
      organisationName: r.organisationName,
      userName: r.userName,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, RECENT)

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
