// Entries, conversions and stays over a window of the pipeline's history, per stage, within the
// caller's scope and the organisation list's filters.
// - An entry: an organisation's first move into a stage within the window (its previous move
//   into that stage, if any, came before the window).
// - Converted: an entry followed, strictly later and no later than the window's end, by a move to
//   a further stage.
// - A stay lasts from a move to the organisation's next one; stays that ended in the window count.
// Each move keeps its next move (left_at), its previous move into the same stage
// (previous_same_at) and its first later move to a further stage (advanced_at), and the database
// keeps their figures per day (pipeline_day_totals, migration 0013). Unfiltered, the window's
// whole days come from those totals, and only the moves the totals cannot answer are read: the
// two partial days at the window's ends, re-entries, conversions after the window's end, and a
// sales user's organisations seen through their tasks. Sorting every move in scope took
// 220-990 ms on the large seed. An owner filter is answered the same way (totals and moves keep
// the organisation's owner); any other list filter (type, city…) reads its organisations' moves.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { PipelineStage } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisations } from '../db/schema.ts'
import { totalsFilter, totalsScope } from '../organisations/stage-totals.ts'
import { organisationFilters } from '../organisations/organisation.service.ts'
import { scopeOnOwnerOrTeam } from '../permissions/scope.ts'
import type { PipelineAnalyticsQuery } from './pipeline.schema.ts'

export type HistoryRow = {
  stage: PipelineStage
  entered: number
  converted: number
  days: string | null
  stays: number
}

const DAY = 86400_000
type WholeDays = { first: Date; last: Date }
type Window = { start: SQL; end: SQL; days: WholeDays | null }

const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`
const utcDay = (d: Date) => sql`${d.toISOString().slice(0, 10)}::date`

// The UTC days wholly inside the window after its first day and before its last: [first, last).
function wholeDays(from: Date, to: Date): WholeDays | null {
  const first = new Date((Math.floor(from.getTime() / DAY) + 1) * DAY)
  const last = new Date(Math.floor(to.getTime() / DAY) * DAY)
  return first < last ? { first, last } : null
}

// Per stage, what the moves of `source` (alias sc, ending in a where clause) add to the totals of
// the window's whole days: everything when there are none; otherwise entries and stays outside
// those days, re-entries (the totals count first entries only), and, taken away, first entries
// the totals count as converted whose conversion came after the window's end.
function movesPart(source: SQL, { start, end, days }: Window): SQL {
  const within = (column: SQL) =>
    days ? sql`(${column} >= ${instant(days.first)} and ${column} < ${instant(days.last)})` : sql`false`
  const inTotals = sql`(${within(sql`sc.changed_at`)} and sc.previous_same_at is null)`
  const entry = sql`(sc.changed_at >= ${start} and sc.changed_at <= ${end}
    and (sc.previous_same_at is null or sc.previous_same_at < ${start}) and not ${inTotals})`
  const stay = sql`(sc.left_at >= ${start} and sc.left_at <= ${end} and not ${within(sql`sc.left_at`)})`
  // Written as ranges so that each one is an index scan (stage_changes_time_idx and the partial
  // indexes of 0013) rather than a pass over every move in scope.
  const read = days
    ? sql`(sc.changed_at >= ${start} and sc.changed_at < ${instant(days.first)})
      or (sc.changed_at >= ${instant(days.last)} and sc.changed_at <= ${end})
      or (sc.left_at >= ${start} and sc.left_at < ${instant(days.first)})
      or (sc.left_at >= ${instant(days.last)} and sc.left_at <= ${end})
      or (sc.previous_same_at is not null and ${within(sql`sc.changed_at`)})
      or (sc.previous_same_at is null and sc.advanced_at > ${end} and ${within(sql`sc.changed_at`)})`
    : sql`(sc.changed_at >= ${start} and sc.changed_at <= ${end}) or (sc.left_at >= ${start} and sc.left_at <= ${end})`
  return sql`select sc.to_stage as stage, count(*) filter (where ${entry}) as entered,
      count(*) filter (where ${entry} and sc.advanced_at <= ${end})
        - count(*) filter (where ${inTotals} and sc.advanced_at > ${end}) as converted,
      count(*) filter (where ${stay}) as stays,
      sum(extract(epoch from sc.left_at - sc.changed_at)) filter (where ${stay}) as seconds
    from ${source} and (${read}) group by sc.to_stage`
}

function totalsPart(scope: SQL, days: WholeDays): SQL {
  return sql`select stage, sum(entries) as entered, sum(advanced) as converted, sum(stays) as stays,
      sum(stay_seconds) as seconds
    from pipeline_day_totals where ${scope} and day >= ${utcDay(days.first)} and day < ${utcDay(days.last)}
    group by stage`
}

function parts(user: AuthUser, q: PipelineAnalyticsQuery, window: Window): SQL[] {
  const kept = totalsFilter(q)
  if (!kept)
    return [
      movesPart(
        sql`stage_changes sc join ${organisations} on ${organisations.id} = sc.organisation_id
          where ${organisationFilters(user, q)}`,
        { ...window, days: null },
      ),
    ]
  // An owner filter narrows every part: the totals and the moves keep the organisation's owner.
  const owner = (column: SQL) => (kept.ownerId ? sql` and ${column} = ${kept.ownerId}` : sql``)
  const result: SQL[] = []
  const own = scopeOnOwnerOrTeam(user, { teamId: sql`sc.org_team_id`, ownerId: sql`sc.org_owner_id` })
  if (own) {
    result.push(
      movesPart(sql`stage_changes sc where not sc.org_in_bin and ${own}${owner(sql`sc.org_owner_id`)}`, window),
    )
    if (window.days) {
      result.push(totalsPart(sql`${totalsScope(user)}${owner(sql`owner_id`)}`, window.days))
    }
  }
  // A sales user's organisations seen through their tasks (organisation_task_users, 0011) are
  // not theirs, so not in their totals: read in full.
  if (user.role === 'sales')
    result.push(
      movesPart(
        sql`stage_changes sc where not sc.org_in_bin and sc.org_owner_id is distinct from ${user.id}
          and sc.organisation_id in (select organisation_id from organisation_task_users where user_id = ${user.id})
          ${owner(sql`sc.org_owner_id`)}`,
        { ...window, days: null },
      ),
    )
  return result
}

export async function stageHistory(db: Db, user: AuthUser, q: PipelineAnalyticsQuery, from: Date, to: Date) {
  const window: Window = { start: instant(from), end: instant(to), days: wholeDays(from, to) }
  const all = parts(user, q, window)
  if (!all.length) return []
  // Days as the one-pass version rounded them: the mean of the stays' seconds, then per day.
  const rows = await db.execute<HistoryRow>(sql`
    select stage, sum(entered)::int as entered, sum(converted)::int as converted, sum(stays)::int as stays,
      round(sum(seconds) / nullif(sum(stays), 0) / 86400, 1)::text as days
    from (${sql.join(
      all.map((part) => sql`(${part})`),
      sql` union all `,
    )}) p
    group by stage`)
  return rows.rows
}
