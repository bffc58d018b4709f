// The pipeline board (columns with counts, totals and the first cards) and its analytics, both
// within the caller's scope and the organisation list's filters.
import { and, sql } from 'drizzle-orm'
import { fromCents, sumMoneySql, toCents } from '../shared/money.ts'
import { isUnfiltered, stageTotals } from '../organisations/stage-totals.ts'
import type { Db } from '../db/client.ts'
import { organisations, stageChanges } from '../db/schema.ts'
import { PIPELINE_STAGES, type PipelineStage } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { listOrganisations, organisationFilters } from '../organisations/organisation.service.ts'
import { organisationNotInBin, stageChangeOrganisationScope } from '../permissions/scope.ts'
import { STAGE_PROBABILITY_PERCENT, type PipelineAnalyticsQuery, type PipelineBoardQuery } from './pipeline.schema.ts'
import { weightedPipeline } from './weighted-pipeline.ts'

async function totalsByStage(db: Db, user: AuthUser, q: Partial<PipelineBoardQuery>) {
  // Unfiltered (the board's and analytics' default view): the totals the database keeps (0008),
  // weighted like the SQL below (round half away from zero, amounts are never negative).
  if (isUnfiltered(q)) {
    const { byStage } = await stageTotals(db, user)
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

type HistoryRow = { stage: PipelineStage; entered: number; converted: number; days: string | null; stays: number }

// Conversions and stays in one pass over the scope's stage history, sorted once by organisation
// and time (two statements before: the conversions probed each entry's later changes, 100,000
// probes on the large seed with its history; together they took 1.2-1.7 s for an admin).
// - An entry: an organisation's first move into a stage within the window (its previous move
//   into that stage, if any, came before the window).
// - Converted: a move to a further stage strictly later and no later than the window's end.
// - A stay lasts from a move to the organisation's next one; stays that ended in the window count.
// The stage changes of the organisations in scope, as sc. Unfiltered, the moves' kept owner and
// team (migration 0012) give the scope and only the bin is looked at: joined, all 100,000
// organisations were read and hashed first. A list filter (type, city…) needs the organisations.
function scopedMoves(user: AuthUser, q: PipelineAnalyticsQuery) {
  if (!isUnfiltered(q))
    return sql`stage_changes sc join ${organisations} on ${organisations.id} = sc.organisation_id
      where ${organisationFilters(user, q)}`
  return sql`(select * from ${stageChanges} where ${and(
    organisationNotInBin(stageChanges.organisationId),
    stageChangeOrganisationScope(user),
  )}) sc`
}

async function stageHistory(db: Db, user: AuthUser, q: PipelineAnalyticsQuery, from: Date, to: Date) {
  const [start, end] = [sql`${from.toISOString()}::timestamptz`, sql`${to.toISOString()}::timestamptz`]
  const order = sql.raw(`array['${PIPELINE_STAGES.join("','")}']::pipeline_stage[]`)
  const previousSame = sql.join(
    [
      sql`case sc.to_stage`,
      ...PIPELINE_STAGES.map(
        (stage) => sql`when ${stage} then max(case when sc.to_stage = ${stage} then sc.changed_at end) over earlier`,
      ),
      sql`end`,
    ],
    sql` `,
  )
  const rows = await db.execute<HistoryRow>(sql`
    with history as (
      select sc.to_stage as stage, sc.changed_at, array_position(${order}, sc.to_stage) as pos,
        lead(sc.changed_at) over moves as left_at,
        ${previousSame} as previous_same,
        max(case when sc.changed_at <= ${end} then array_position(${order}, sc.to_stage) end) over (
          partition by sc.organisation_id order by sc.changed_at
          range between '1 microsecond'::interval following and unbounded following) as later_pos
      from ${scopedMoves(user, q)}
      window moves as (partition by sc.organisation_id order by sc.changed_at, sc.id),
        earlier as (moves rows between unbounded preceding and 1 preceding)),
    flagged as (
      select stage, pos, later_pos, changed_at, left_at,
        changed_at >= ${start} and changed_at <= ${end}
          and (previous_same is null or previous_same < ${start}) as entry,
        left_at >= ${start} and left_at <= ${end} as stay
      from history)
    select stage, (count(*) filter (where entry))::int as entered,
      (count(*) filter (where entry and later_pos > pos))::int as converted,
      round((avg(extract(epoch from left_at - changed_at)) filter (where stay) / 86400)::numeric, 1)::text as days,
      (count(*) filter (where stay))::int as stays
    from flagged group by stage`)
  return rows.rows
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
