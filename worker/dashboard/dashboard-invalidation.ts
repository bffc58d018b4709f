// Which cached dashboards a write changes. Dashboards are cached per scope partition ('all' for
// admins, 'team:<id>' for managers and viewers, 'user:<id>' for sales; scopeKey), each with its
// own version, so a write drops the admins' dashboard, its record's team's and the sales users'
// whose scope holds the record, not every user's. When the partitions cannot be told from the
// written record (a deletion answers 204, a reassignment leaves the previous owner unnamed, a bulk
// answer holds many records), every dashboard is dropped, as before.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'

export const DASHBOARD = 'dashboard'
export const dashboardResource = (partition: string) => `${DASHBOARD}:${partition}`

const PEOPLE_FIELDS = ['ownerId', 'assigneeId', 'userId', 'createdBy'] as const
const REASSIGNING = ['ownerId', 'assigneeId', 'teamId', 'organisationId'] as const

type Written = Record<string, unknown> & { id?: string; teamId?: string | null; organisationId?: string | null }
const ids = (...values: unknown[]) => values.filter((v): v is string => typeof v === 'string' && v.length > 0)

// The partitions a record counts in: admins, its team, the people it names, and, through its
// organisation, the organisation's team and owner and the sales users assigned tasks on it (sales
// see a record through its organisation's owner, and an organisation through their tasks).
async function partitionsOf(
  db: Db,
  record: Written,
  more: { users?: unknown[]; teams?: unknown[]; orgs?: unknown[] } = {},
) {
  const users = new Set(ids(...PEOPLE_FIELDS.map((k) => record[k]), ...(more.users ?? [])))
  const teams = new Set(ids(record.teamId, ...(more.teams ?? [])))
  const orgs = ids('pipelineStage' in record ? record.id : record.organisationId, ...(more.orgs ?? []))
  for (const org of new Set(orgs)) {
    const rows = await db.execute<{ kind: 'user' | 'team'; id: string }>(sql`
      select 'user' as kind, owner_id::text as id from organisations where id = ${org} and owner_id is not null
      union select 'team', team_id::text from organisations where id = ${org} and team_id is not null
      union select 'user', assignee_id::text from tasks where organisation_id = ${org} and deleted_at is null
        and assignee_id is not null`)
    for (const r of rows.rows) (r.kind === 'team' ? teams : users).add(r.id)
  }
  return ['all', ...[...teams].map((t) => `team:${t}`), ...[...users].map((u) => `user:${u}`)]
}

// A write answered over HTTP: the record is the response. null: every dashboard.
export async function dashboardsChangedBy(c: Context<AppEnv>): Promise<string[] | null> {
  if (c.res.status === 204 || !c.res.headers.get('content-type')?.includes('json')) return null
  const body = await c.req.json<Record<string, unknown>>().catch(() => ({}) as Record<string, unknown>)
  if (REASSIGNING.some((k) => k in body)) return null
  const record = (await c.res
    .clone()
    .json()
    .catch(() => null)) as Written | null
  if (!record || typeof record !== 'object' || Array.isArray(record) || !record.id) return null
  return partitionsOf(c.get('db'), record)
}

// A domain event (the events consumer, for writes from anywhere): its record, the previous owner,
// assignee, team or organisation its changes name. null: every dashboard.
export async function dashboardsChangedByEvent(db: Db, data: Record<string, unknown>): Promise<string[] | null> {
  const record = Object.values(data).find((v): v is Written => !!v && typeof v === 'object' && 'id' in v)
  if (!record) return null
  const changes = (data.changes ?? {}) as Record<string, { from?: unknown } | undefined>
  return partitionsOf(db, record, {
    users: [changes.ownerId?.from, changes.assigneeId?.from, data.previousAssigneeId],
    teams: [changes.teamId?.from],
    orgs: [changes.organisationId?.from],
  })
}

// The consumer's list of stale resources with 'dashboard' narrowed to the partitions changed.
export async function narrowDashboards(db: Db, data: Record<string, unknown>, resources: string[]) {
  if (!resources.includes(DASHBOARD)) return resources
  const partitions = await dashboardsChangedByEvent(db, data).catch(() => null)
  return partitions ? [...resources.filter((r) => r !== DASHBOARD), ...partitions.map(dashboardResource)] : resources
}
