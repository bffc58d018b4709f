// Writes one chunk in one transaction: records, their history, the stage log, one import_rows
// line per file row and the counters. The chunk is claimed first (chunks_done = n → n + 1), so a
// redelivered or retried chunk finds it taken and writes nothing twice.
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { AuthUser } from '../auth/auth-user.ts'
import type { Db } from '../db/client.ts'
import { imports, organisations, people, personOrganisations } from '../db/schema.ts'
import type { PipelineStage } from '../db/enums.ts'
import type { Tx } from '../shared/tx.ts'
import { writeChunkLog, type HistoryEntry, type StageEntry } from './import-chunk-log.ts'
import type { ImportEntity } from './import-fields.ts'
import { planChunk, type Decision, type PlanInput, type RawRow } from './import-plan.ts'

type ImportRow = typeof imports.$inferSelect
type Changes = Record<string, { from: unknown; to: unknown }>
const TABLE = { organisations, people } as const
const UNCHANGED = 'Déjà à jour : aucun changement.'
const ENTITY_TYPE = { organisations: 'organisation', people: 'person' } as const

const same = (field: string, a: unknown, b: unknown) =>
  field === 'amount' ? a != null && b != null && Number(a) === Number(b) : String(a ?? '') === String(b ?? '')

export async function writeChunk(db: Db, user: AuthUser, imp: ImportRow, n: number, rows: RawRow[], plan: PlanInput) {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(imports)
      .set({ chunksDone: n + 1, rowsDone: sql`${imports.rowsDone} + ${rows.length}`, updatedAt: sql`now()` })
      .where(and(eq(imports.id, imp.id), eq(imports.chunksDone, n), eq(imports.status, 'running')))
      .returning({ id: imports.id })
    if (!claimed.length) return null
    const decisions = await planChunk(tx, user, plan, rows)
    const entity = plan.entity
    const history: HistoryEntry[] = []
    const stages: StageEntry[] = []
    const previous = new Map<number, Record<string, unknown>>()

    const creates = decisions.filter((d) => d.outcome === 'created')
    if (creates.length) {
      for (const d of creates) d.recordId = crypto.randomUUID()
      const owner = (d: Decision) => d.owner ?? { id: user.id, teamId: user.teamId }
      if (entity === 'organisations') {
        await tx.insert(organisations).values(
          creates.map((d) => ({
            ...(d.row.values as { name: string; type: 'INVESTISSEUR' }),
            id: d.recordId!,
            ownerId: owner(d).id,
            teamId: owner(d).teamId,
          })),
        )
        for (const d of creates) {
          const to = (d.row.values.pipelineStage as PipelineStage | undefined) ?? 'PROSPECT'
          stages.push({ organisationId: d.recordId!, fromStage: null, toStage: to })
        }
      } else {
        await tx.insert(people).values(
          creates.map((d) => ({
            ...(d.row.values as { firstName: string; lastName: string }),
            id: d.recordId!,
            ownerId: owner(d).id,
            teamId: owner(d).teamId,
          })),
        )
      }
      for (const d of creates) {
        history.push({
          entityId: d.recordId!,
          action: 'imported',
          changes: { importFile: { from: null, to: imp.fileName } },
        })
      }
    }

    const updates = decisions.filter((d) => d.outcome === 'updated')
    if (updates.length) {
      const table = TABLE[entity]
      const current = await tx
        .select()
        .from(table)
        .where(
          inArray(
            table.id,
            updates.map((d) => d.recordId!),
          ),
        )
        .for('update')
      const byId = new Map(current.map((r) => [r.id, r as Record<string, unknown>]))
      // Rows changing the same fields are updated by one statement (usually one for the chunk).
      const groups = new Map<string, { id: string; set: Record<string, unknown> }[]>()
      for (const d of updates) {
        const before = byId.get(d.recordId!)!
        const set: Record<string, unknown> = {}
        for (const [field, value] of Object.entries(d.row.values))
          if (!same(field, before[field], value)) set[field] = value
        if (d.owner && d.owner.id !== before.ownerId)
          Object.assign(set, { ownerId: d.owner.id, teamId: d.owner.teamId })
        if (!Object.keys(set).length) {
          d.outcome = 'skipped'
          d.message = UNCHANGED
          continue
        }
        const changes: Changes = {}
        for (const field of Object.keys(set)) changes[field] = { from: before[field] ?? null, to: set[field] }
        previous.set(d.line, Object.fromEntries(Object.keys(set).map((f) => [f, before[f] ?? null])))
        const stageMoved = entity === 'organisations' && set.pipelineStage !== undefined
        const signature = Object.keys(set).sort().join(',')
        if (!groups.has(signature)) groups.set(signature, [])
        groups.get(signature)!.push({ id: d.recordId!, set })
        if (stageMoved) {
          stages.push({
            organisationId: d.recordId!,
            fromStage: before.pipelineStage as PipelineStage,
            toStage: set.pipelineStage as PipelineStage,
          })
        }
        history.push({ entityId: d.recordId!, action: 'import_updated', changes })
      }
      for (const group of groups.values()) await updateGroup(tx, entity, group)
    }

    if (entity === 'people') await linkPeople(tx, decisions)
    await writeChunkLog(tx, {
      importId: imp.id,
      actorId: user.id,
      entityType: ENTITY_TYPE[entity],
      history,
      stages,
      lines: decisions.map((d) => ({
        line: d.line,
        outcome: d.outcome,
        recordId: d.outcome === 'error' ? null : (d.recordId ?? null),
        columnName: d.column ?? null,
        message: d.message ?? null,
        previous: previous.get(d.line) ?? null,
      })),
    })
    return decisions.length
  })
}

// One UPDATE for rows changing the same fields: the new values travel as one JSON array, typed
// by the table's own row type (jsonb_populate_recordset), instead of one statement per row.
async function updateGroup(tx: Tx, entity: ImportEntity, group: { id: string; set: Record<string, unknown> }[]) {
  const table = TABLE[entity]
  const columns = getTableColumns(table) as Record<string, PgColumn>
  const fields = Object.keys(group[0]!.set)
  // Two file rows matching one record: the later one wins, as it would one statement at a time.
  const byId = new Map<string, Record<string, unknown>>()
  for (const { id, set } of group) {
    const row: Record<string, unknown> = { id }
    for (const f of fields) row[columns[f]!.name] = set[f] == null ? null : columns[f]!.mapToDriverValue(set[f])
    byId.set(id, row)
  }
  const json = [...byId.values()]
  const assignments = fields.map(
    (f) => sql`${sql.identifier(columns[f]!.name)} = r.${sql.identifier(columns[f]!.name)}`,
  )
  if (fields.includes('pipelineStage')) assignments.push(sql`stage_changed_at = now()`)
  await tx.execute(sql`update ${table} set ${sql.join(assignments, sql`, `)}, updated_at = now()
    from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb) as r
    where ${table.id} = r.id`)
}

// organisation_nom links the person to that organisation (added, never replacing other links).
async function linkPeople(tx: Tx, decisions: Decision[]) {
  const links = decisions
    .filter((d) => d.organisationId && d.recordId && (d.outcome !== 'skipped' || d.message === UNCHANGED))
    .map((d) => ({ personId: d.recordId!, organisationId: d.organisationId!, role: d.row.role ?? null }))
  if (links.length) await tx.insert(personOrganisations).values(links).onConflictDoNothing()
}
