// The pipeline board (columns with counts, totals and the first cards) and its analytics, both
// within the caller's scope and the organisation list's filters.
import { sql } from 'drizzle-orm'
import { fromCents, sumMoneySql, toCents } from '../shared/money.ts'
import { stageTotals, totalsFilter } from '../organisations/stage-totals.ts'
import type { Db } from '../db/client.ts'
import { organisations } from '../db/schema.ts'
import { PIPELINE_STAGES } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { listOrganisations, organisationFilters } from '../organisations/organisation.service.ts'
import { STAGE_PROBABILITY_PERCENT, type PipelineAnalyticsQuery, type PipelineBoardQuery } from './pipeline.schema.ts'
import { weightedPipeline } from './weighted-pipeline.ts'
import { stageHistory } from './stage-history.ts'

async function totalsByStage(db: Db, user: AuthUser, q: Partial<PipelineBoardQuery>) {
  // Unfiltered (the board's and analytics' default view), by owner or active only (the kanban):
  // the totals the database keeps (0008), weighted like the SQL below (round half away from zero,
  // amounts are never negative).
  const kept = totalsFilter(q, { active: true })
  if (kept) {
    const { byStage } = await stageTotals(db, user, kept)
    return byStage.map((s) => ({
      ...s,
      weighted: fromCents((toCents(s.amount) * BigInt(STAGE_PROBABILITY_PERCENT[s.stage]) + 50n) / 100n),
    }))
  }
  const rows = await db
    .select({
      stage: organisations.pipelineStage,
      count: sql<number>`count(*)::int`,
      amount: sumMoneySql(organisations.amount),
      // Amount × probability in SQL numeric: money never goes through a float.
      weighted: sql<string>`round(coalesce(sum(${organisations.amount}), 0) * ${probabilityCase} / 100, 2)::text`,
    })
    .from(organisations)
    .where(organisationFilters(user, q))
    .groupBy(organisations.pipelineStage)
  const byStage = new Map(rows.map((r) => [r.stage, r]))
  return PIPELINE_STAGES.map((stage) => ({
    stage,
    count: byStage.get(stage)?.count ?? 0,
    amount: byStage.get(stage)?.amount ?? '0.00',
    weighted: byStage.get(stage)?.weighted ?? '0.00',
  }))
}

const probabilityCase = sql.join(
  [
    sql`(case ${organisations.pipelineStage}`,
    ...PIPELINE_STAGES.map((s) => sql`when ${s} then ${STAGE_PROBABILITY_PERCENT[s]}::numeric`),
    sql`end)`,
  ],
  sql` `,
)

export async function pipelineBoard(db: Db, user: AuthUser, q: PipelineBoardQuery) {
  const totals = await totalsByStage(db, user, q)
  const columns = await Promise.all(
    totals.map(async (t) => {
      const cards =
        t.count === 0
          ? { data: [], nextCursor: null }
          : await listOrganisations(db, user, { ...q, stage: [t.stage], cursor: undefined })
      return { stage: t.stage, count: t.count, totalAmount: t.amount, cards: cards.data, nextCursor: cards.nextCursor }
    }),
  )
  return { columns }
}

export async function pipelineAnalytics(db: Db, user: AuthUser, q: PipelineAnalyticsQuery) {
  const to = q.to ? new Date(q.to) : new Date()
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 365 * 86400_000)
  const [funnel, history] = await Promise.all([totalsByStage(db, user, q), stageHistory(db, user, q, from, to)])
  const byStage = new Map(history.map((r) => [r.stage, r]))

  const pipeline = weightedPipeline(funnel)

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    funnel: funnel.map(({ stage, count, amount }) => ({ stage, count, amount })),
    conversions: PIPELINE_STAGES.slice(0, -1).map((stage, i) => {
      const entered = byStage.get(stage)?.entered ?? 0
      const converted = byStage.get(stage)?.converted ?? 0
      return {
        from: stage,
        to: PIPELINE_STAGES[i + 1]!,
        entered,
        converted,
        rate: entered ? Math.round((converted / entered) * 10_000) / 10_000 : null,
      }
    }),
    averageDaysInStage: PIPELINE_STAGES.map((stage) => {
      const s = byStage.get(stage)
      return { stage, days: s?.days != null ? Number(s.days) : null, stays: s?.stays ?? 0 }
    }),
    forecast: { amount: pipeline.weighted, openAmount: pipeline.openAmount, byStage: pipeline.byStage },
  }
}
