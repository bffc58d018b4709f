// Organisations per stage (count and amount) and the stale count, within the caller's scope,
// from the totals the database keeps per team, owner, stage and day of the last stage change
// (organisation_stage_totals, triggers of migration 0008). Exact: the same rows as
// organisationFilters(user, {}) would count, read from a few thousand totals instead of every
// organisation (the dashboard spent 68-110 ms scanning organisations twice on the large seed).
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { PIPELINE_STAGES, type PipelineStage } from '../db/enums.ts'
import { sumMoney } from '../shared/money.ts'
import type { OrganisationListQuery } from './organisation.schema.ts'
import { isStaleSql, staleBoundary } from './stale.ts'
import { scopeOnOwnerOrTeam } from '../permissions/scope.ts'

export type StageTotal = { stage: PipelineStage; count: number; amount: string }

// The scope on a kept totals table's team_id and owner_id (organisations have both columns too). A
// sales user's organisations seen through their assigned tasks are counted apart (organisation_task_users).
export const totalsScope = (user: AuthUser) =>
  scopeOnOwnerOrTeam(user, { teamId: sql`team_id`, ownerId: sql`owner_id` })

const boundary = staleBoundary
const boundaryDay = sql`((${boundary} at time zone 'UTC')::date)`

// The boundary day as a sub-select: computed once per statement, where the bare expression was
// evaluated again for each of the thousands of totals summed (6 of the dashboard's 7 ms for them).
export type StageTotalRow = { stage: PipelineStage; count: number; amount: string; stale: number | null }

// The statement's parts, one per source, as one union (null when the caller's scope is empty).
// Exported so the dashboard can read them inside its own statement (one round trip fewer).
export function stageTotalsSql(user: AuthUser, { ownerId, activeOnly }: TotalsFilter = {}): SQL | null {
  const owned = totalsScope(user)
  const owner = ownerId ? sql` and owner_id = ${ownerId}` : sql``
  const scope = owned && sql`${owned}${owner}`
  const parts = [
    scope
      ? sql`select pipeline_stage as stage, sum(organisations)::int as count, round(sum(amount), 2)::text as amount,
            (sum(organisations) filter (where pipeline_stage <> 'SIGNE'
              and stage_day < (select ${boundaryDay})))::int as stale
          from organisation_stage_totals where ${scope} group by pipeline_stage`
      : null,
    // The boundary day itself: its organisations are stale only before the boundary instant.
    scope
      ? sql`select 'PROSPECT' as stage, 0 as count, '0' as amount, count(*)::int as stale from organisations
          where deleted_at is null and pipeline_stage <> 'SIGNE' and ${scope}
            and stage_changed_at >= (${boundaryDay}::timestamp at time zone 'UTC') and stage_changed_at < ${boundary}`
      : null,
    // Active organisations only (the kanban): the totals count every organisation, so the inactive
    // ones (a few: 21 of 100,240 on the large seed, organisations_live_inactive_idx) are taken away,
    // where the board counted the active ones from the table (110-180 ms).
    scope && activeOnly
      ? sql`select pipeline_stage as stage, -count(*)::int as count,
            round(-coalesce(sum(amount), 0), 2)::text as amount,
            -(count(*) filter (where ${isStaleSql(sql`pipeline_stage`, sql`stage_changed_at`)}))::int as stale
          from organisations where deleted_at is null and not is_active and ${scope} group by pipeline_stage`
      : null,
    user.role === 'sales'
      ? sql`select pipeline_stage as stage, count(*)::int as count, round(coalesce(sum(amount), 0), 2)::text as amount,
            (count(*) filter (where ${isStaleSql(sql`pipeline_stage`, sql`stage_changed_at`)}))::int as stale
          from organisations where deleted_at is null and owner_id is distinct from ${user.id}
            and id in (select organisation_id from organisation_task_users where user_id = ${user.id})${owner}
            ${activeOnly ? sql`and is_active` : sql``}
          group by pipeline_stage`
      : null,
  ].filter((part): part is SQL => part !== null)
  return parts.length
    ? sql.join(
        parts.map((part) => sql`(${part})`),
        sql` union all `,
      )
    : null
}

export function foldStageTotals(rows: StageTotalRow[]): { byStage: StageTotal[]; stale: number } {
  const byStage = PIPELINE_STAGES.map((stage) => {
    // Parts that only count stale organisations give 0; the inactive ones taken away, less than 0.
    const own = rows.filter((r) => r.stage === stage && r.count !== 0)
    return { stage, count: own.reduce((n, r) => n + r.count, 0), amount: sumMoney(own.map((r) => r.amount)) }
  })
  return { byStage, stale: rows.reduce((n, r) => n + (r.stale ?? 0), 0) }
}

// One statement (the parts share their columns): each round trip costs ~1.5 ms on the embedded
// database whatever it reads, more than these parts' own work.
export async function stageTotals(
  db: Db,
  user: AuthUser,
  filter: TotalsFilter = {},
): Promise<{ byStage: StageTotal[]; stale: number }> {
  const statement = stageTotalsSql(user, filter)
  return foldStageTotals(statement ? (await db.execute<StageTotalRow>(statement)).rows : [])
}

// The totals answer a stage breakdown only when no list filter narrows the organisations, or an
// owner alone (the totals are kept per owner).
const FILTERS = ['q', 'type', 'category', 'stage', 'city', 'ownerId', 'active', 'noContactDays'] as const
export const isUnfiltered = (q: Partial<OrganisationListQuery>) =>
  q.stale !== 'true' &&
  FILTERS.every((k) => {
    const v = q[k]
    return v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
  })

export type TotalsFilter = { ownerId?: string; activeOnly?: boolean }
// What the kept totals can answer of a list's filters; undefined when they cannot. Active
// organisations only: for the stage totals (the board), not the day totals (the analytics), which
// keep no activity and read the moves when `active` is given.
export function totalsFilter(
  q: Partial<OrganisationListQuery>,
  { active = false }: { active?: boolean } = {},
): TotalsFilter | undefined {
  const { ownerId, ...others } = q
  const activeOnly = active && others.active === 'true'
  if (activeOnly) delete others.active
  if (!isUnfiltered(others)) return undefined
  return { ...(ownerId ? { ownerId } : {}), ...(activeOnly ? { activeOnly } : {}) }
}
