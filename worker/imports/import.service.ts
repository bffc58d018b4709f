// Imports: upload (parsed, checked, stored), read, list, dry run and start. The rows themselves
// are written by the queue consumer (import-run.ts).
import { and, desc, eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { AuthUser } from '../auth/auth-user.ts'
import type { Db } from '../db/client.ts'
import { importMappings, importRows, imports, users } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { badRequest, conflict, forbidden, notFound } from '../http/problem.ts'
import { iso } from '../shared/cursor.ts'
import { isUuid, type Tx } from '../shared/tx.ts'
import { CHUNK_SIZE } from './file-limits.ts'
import { duplicateKey, evaluateRow } from './import-evaluate.ts'
import { autoMapping, headerKey, IMPORT_FIELDS, type ImportEntity } from './import-fields.ts'
import { parseFile } from './import-file.ts'
import { requireFiles } from './import-purge.ts'
import { planChunk, type ImportMode, type PlanInput } from './import-plan.ts'
import type { DryRunResult, ImportRun } from './import.schema.ts'
import { allChunks, removeImportFiles, storeChunk, storeDuplicates, storeSource } from './import-storage.ts'

type Row = typeof imports.$inferSelect
type ImportRunBody = z.infer<typeof ImportRun>
export const MAX_LISTED_ERRORS = 100

export function requireImportPermission(user: AuthUser, entity: ImportEntity) {
  if (!user.permissions.has(`${entity}:import`)) throw forbidden('Vous n’avez pas le droit d’importer ces fiches.')
}

const headerSetKey = (headers: string[]) => headers.map(headerKey).join('|')

// `record` writes the audit entry in the transaction of the import's row. Parsing and storing the
// file happen before it: a transaction held open through a 20 MB parse would hold the embedded
// database's one session (and a Neon connection idle in transaction) for seconds.
export async function createImport(
  db: Db,
  env: Env,
  user: AuthUser,
  entity: ImportEntity,
  file: File,
  record: (tx: Tx, created: { id: string; rowCount: number }) => Promise<void>,
  sheet?: string,
) {
  requireImportPermission(user, entity)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const id = crypto.randomUUID()
  const parsed = await parseFile(file.name, bytes, (n, json) => storeChunk(env, id, n, json), { sheet }).catch(
    async (error: unknown) => {
      await removeImportFiles(env, id)
      throw error
    },
  )
  const [remembered] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.entity, entity), eq(importMappings.headerKey, headerSetKey(parsed.headers))))
  const mapping =
    remembered?.mapping.length === parsed.headers.length ? remembered.mapping : autoMapping(entity, parsed.headers)
  await storeSource(env, id, bytes)
  const values = {
    id,
    userId: user.id,
    teamId: user.teamId,
    entity,
    fileName: file.name.slice(0, 200),
    fileSize: file.size,
    format: parsed.format,
    sheetName: parsed.sheetName ?? null,
    headers: parsed.headers,
    mapping,
    rowCount: parsed.rowCount,
    chunkSize: CHUNK_SIZE,
    chunkCount: parsed.chunkCount,
  }
  await db.transaction(async (tx) => {
    await tx.insert(imports).values(values)
    await record(tx, { id, rowCount: parsed.rowCount })
  })
  return {
    id,
    rowCount: parsed.rowCount,
    headers: parsed.headers,
    mapping,
    mappingRemembered: !!remembered,
    encoding: parsed.encoding ?? null,
    sheetName: parsed.sheetName ?? null,
    sheetNames: parsed.sheetNames ?? [],
    preview: parsed.firstRows.map(([line, cells]) => {
      const row = evaluateRow(entity, parsed.headers, mapping, line, cells)
      return { line, cells, values: row.values, errors: row.errors }
    }),
  }
}

export async function getImportRow(db: Db, user: AuthUser, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const [row] = await db.select().from(imports).where(eq(imports.id, id))
  // Someone else's import is answered as one that does not exist (admins see all).
  if (!row || (row.userId !== user.id && user.role !== 'admin')) throw notFound()
  return row
}

export function toImportDto(row: Row & { userName?: string | null }) {
  return {
    id: row.id,
    entity: row.entity as ImportEntity,
    fileName: row.fileName,
    fileSize: row.fileSize,
    format: row.format,
    sheetName: row.sheetName,
    status: row.status as 'uploaded' | 'running' | 'completed' | 'failed' | 'reverted',
    mode: row.mode as ImportMode | null,
    rowCount: row.rowCount,
    headers: row.headers,
    mapping: row.mapping,
    progress: { done: row.rowsDone, total: row.rowCount },
    counts: { created: row.created, updated: row.updated, skipped: row.skipped, errors: row.errors },
    failure: row.failure,
    revert: row.revertReport as { binned: number; restored: number; leftAlone: LeftAlone[] } | null,
    userId: row.userId,
    userName: row.userName ?? null,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    revertedAt: iso(row.revertedAt),
  }
}
export type LeftAlone = { line: number; recordId: string; reason: string }

export async function getImport(db: Db, user: AuthUser, id: string) {
  const row = await getImportRow(db, user, id)
  const errors = await db
    .select({ line: importRows.line, column: importRows.columnName, message: importRows.message })
    .from(importRows)
    .where(and(eq(importRows.importId, id), eq(importRows.outcome, 'error')))
    .orderBy(importRows.line)
    .limit(MAX_LISTED_ERRORS)
  const [owner] = row.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)) : []
  return {
    ...toImportDto({ ...row, userName: owner?.name }),
    errors: errors.map((e) => ({ ...e, message: e.message ?? '' })),
    fields: IMPORT_FIELDS[row.entity as ImportEntity],
  }
}

export async function listImports(db: Db, user: AuthUser) {
  const rows = await db
    .select({ i: imports, userName: users.name })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .where(user.role === 'admin' ? undefined : eq(imports.userId, user.id))
    .orderBy(desc(imports.createdAt))
    .limit(100)
  return { data: rows.map((r) => toImportDto({ ...r.i, userName: r.userName })) }
}

function checkMapping(row: Row, mapping: (string | null)[]) {
  const entity = row.entity as ImportEntity
  if (mapping.length !== row.headers.length) {
    throw badRequest('Données invalides.', [{ path: 'mapping', message: 'Une correspondance par colonne du fichier.' }])
  }
  const keys = mapping.filter(Boolean) as string[]
  const unknown = keys.find((k) => !IMPORT_FIELDS[entity].some((f) => f.key === k))
  if (unknown) throw badRequest('Données invalides.', [{ path: 'mapping', message: `Champ inconnu : ${unknown}.` }])
  const twice = keys.find((k, i) => keys.indexOf(k) !== i)
  if (twice)
    throw badRequest('Données invalides.', [{ path: 'mapping', message: `Le champ ${twice} est choisi deux fois.` }])
}

// The caller's import, which they may still run, with a mapping that fits its headers.
async function importForMapping(db: Db, user: AuthUser, id: string, mapping: (string | null)[]) {
  const row = await getImportRow(db, user, id)
  requireImportPermission(user, row.entity as ImportEntity)
  checkMapping(row, mapping)
  requireFiles(row)
  return row
}

// Lines repeating an earlier line of the file, by the matching key (first occurrence wins).
async function findDuplicates(env: Env, row: Row, mapping: (string | null)[]) {
  const entity = row.entity as ImportEntity
  const seen = new Map<string, number>()
  const duplicates = new Map<number, number>()
  for await (const chunk of allChunks(env, row.id, row.chunkCount)) {
    for (const [line, cells] of chunk) {
      const key = duplicateKey(entity, evaluateRow(entity, row.headers, mapping, line, cells))
      if (!key) continue
      const first = seen.get(key)
      if (first === undefined) seen.set(key, line)
      else duplicates.set(line, first)
    }
  }
  return duplicates
}

export async function dryRun(db: Db, env: Env, user: AuthUser, id: string, { mapping, mode }: ImportRunBody) {
  const row = await importForMapping(db, user, id, mapping)
  const plan: PlanInput = {
    entity: row.entity as ImportEntity,
    headers: row.headers,
    mapping,
    mode,
    duplicates: await findDuplicates(env, row, mapping),
  }
  const counts = { created: 0, updated: 0, skipped: 0, errors: 0 }
  const errors: { line: number; column: string | null; message: string }[] = []
  const preview: z.infer<typeof DryRunResult>['preview'] = []
  for await (const chunk of allChunks(env, row.id, row.chunkCount)) {
    const cellsOf = new Map(preview.length < 10 ? chunk.slice(0, 10) : [])
    for (const d of await planChunk(db, user, plan, chunk)) {
      counts[d.outcome === 'error' ? 'errors' : d.outcome]++
      if (d.outcome === 'error' && errors.length < MAX_LISTED_ERRORS) {
        errors.push({ line: d.line, column: d.column ?? null, message: d.message ?? '' })
      }
      if (preview.length < 10) {
        const rowErrors =
          d.outcome !== 'error'
            ? []
            : d.row.errors.length
              ? d.row.errors
              : [{ column: d.column ?? null, message: d.message ?? '' }]
        preview.push({
          line: d.line,
          outcome: d.outcome,
          values: d.row.values,
          message: d.message ?? null,
          cells: cellsOf.get(d.line) ?? [],
          errors: rowErrors,
        })
      }
    }
  }
  return { counts, errors, preview }
}

// `record` writes the audit entry in the transaction of the start; the duplicates (read from R2)
// are found before it opens.
export async function startImport(
  db: Db,
  env: Env,
  user: AuthUser,
  id: string,
  { mapping, mode }: ImportRunBody,
  record: (tx: Tx, started: Row) => Promise<void>,
) {
  const row = await importForMapping(db, user, id, mapping)
  if (row.status !== 'uploaded') throw conflict('Cet import a déjà été lancé.')
  await storeDuplicates(env, id, await findDuplicates(env, row, mapping))
  const started = await db.transaction(async (tx) => {
    const [started] = await tx
      .update(imports)
      .set({ mapping, mode, status: 'running', startedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(imports.id, id), eq(imports.status, 'uploaded')))
      .returning()
    if (!started) throw conflict('Cet import a déjà été lancé.')
    // Remembered for the next file with the same headers.
    await tx
      .insert(importMappings)
      .values({ entity: row.entity, headerKey: headerSetKey(row.headers), mapping })
      .onConflictDoUpdate({
        target: [importMappings.entity, importMappings.headerKey],
        set: { mapping, updatedAt: sql`now()` },
      })
    await record(tx, started)
    return started
  })
  return toImportDto(started)
}

// Sent once the start (and its audit entry) committed: the consumer must find the import running.
export const enqueueRun = (env: Env, id: string) => env.IMPORTS_QUEUE.send({ importId: id, op: 'run' })
