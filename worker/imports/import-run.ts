// The background run of an import, chunk after chunk, for at most RUN_BUDGET_MS per queue
// message; the next message carries on where the database says it stopped (chunks_done), so a
// crash or a redelivery resumes without doubling anything. Progress goes to the importer's tabs.
import { and, eq } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import { actingUser } from '../auth/acting-user.ts'
import type { Db } from '../db/client.ts'
import { withDb } from '../db/client.ts'
import { imports } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { staleAfter } from '../cache/invalidation.ts'
import { dispatchOutbox } from '../events/dispatch-outbox.ts'
import { emitEvent } from '../events/outbox.ts'
import { notifyUser } from '../notifications/catalogue.ts'
import { pushToUser } from '../notifications/notification.service.ts'
import type { ImportEntity } from './import-fields.ts'
import type { ImportMode, PlanInput } from './import-plan.ts'
import { readChunk, readDuplicates } from './import-storage.ts'
import { writeChunk } from './import-write.ts'

const RUN_BUDGET_MS = 20_000
type ImportRow = typeof imports.$inferSelect
export type ImportJob = { importId: string; op: 'run' | 'revert' }

// The importer as the API would see them now: an import runs with its user's current rights.
export const importer = (db: Db, userId: string | null): Promise<AuthUser | null> =>
  userId ? actingUser(db, userId) : Promise.resolve(null)

export const progressMessage = (row: ImportRow) => ({
  type: 'import.progress',
  importId: row.id,
  status: row.status,
  done: row.rowsDone,
  total: row.rowCount,
  counts: { created: row.created, updated: row.updated, skipped: row.skipped, errors: row.errors },
})

export async function pushProgress(env: Env, row: ImportRow) {
  if (row.userId) await pushToUser(env, row.userId, progressMessage(row)).catch(() => 0)
}

export async function runImport(env: Env, importId: string) {
  await withDb(env, async (db) => {
    const began = Date.now()
    let plan: PlanInput | null = null
    for (;;) {
      const [imp] = await db.select().from(imports).where(eq(imports.id, importId))
      if (imp?.status !== 'running') return
      const user = await importer(db, imp.userId)
      if (!user?.permissions.has(`${imp.entity as ImportEntity}:import`)) {
        return failImport(db, env, imp, 'L’utilisateur qui a lancé l’import n’a plus le droit d’importer.')
      }
      if (imp.chunksDone >= imp.chunkCount) return finishImport(db, env, user, imp)
      plan ??= {
        entity: imp.entity as ImportEntity,
        headers: imp.headers,
        mapping: imp.mapping,
        mode: imp.mode as ImportMode,
        duplicates: await readDuplicates(env, imp.id),
      }
      const rows = await readChunk(env, imp.id, imp.chunksDone)
      await writeChunk(db, user, imp, imp.chunksDone, rows, plan)
      const [after] = await db.select().from(imports).where(eq(imports.id, importId))
      if (after) await pushProgress(env, after)
      if (Date.now() - began > RUN_BUDGET_MS) {
        await env.IMPORTS_QUEUE.send({ importId, op: 'run' } satisfies ImportJob)
        return
      }
    }
  })
}

export const eventData = (imp: ImportRow) => ({
  import: {
    id: imp.id,
    entity: imp.entity,
    fileName: imp.fileName,
    userId: imp.userId,
    teamId: imp.teamId,
    counts: { created: imp.created, updated: imp.updated, skipped: imp.skipped, errors: imp.errors },
    rowCount: imp.rowCount,
  },
})

async function finishImport(db: Db, env: Env, user: AuthUser, imp: ImportRow) {
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(imports)
      .set({ status: 'completed', finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(imports.id, imp.id), eq(imports.status, 'running')))
      .returning()
    const event = row ? await emitEvent(tx, 'import.completed', user, eventData(row)) : null
    return row && event ? { row, eventId: event.id } : null
  })
  if (!done) return
  const { row, eventId } = done
  // The importer is the actor, whom event rules never notify: the catalogue's "import finished"
  // goes to them directly; the event id keeps it single if this step runs twice.
  if (row.userId) {
    await notifyUser(
      db,
      env,
      row.userId,
      'import.completed',
      {
        importId: row.id,
        fileName: row.fileName,
        created: row.created,
        updated: row.updated,
        failed: row.errors,
      },
      { eventId },
    ).catch(() => [])
  }
  await invalidateLists(env, ...staleAfter(imp.entity as ImportEntity))
  await pushProgress(env, row)
  await dispatchOutbox(db, env).catch(() => {})
}

export async function failImport(db: Db, env: Env, imp: ImportRow, reason: string) {
  const failed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(imports)
      .set({ status: 'failed', failure: reason, finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(imports.id, imp.id), eq(imports.status, 'running')))
      .returning()
    const event = row ? await emitEvent(tx, 'import.failed', null, { ...eventData(row), reason }) : null
    return row && event ? { row, eventId: event.id } : null
  })
  if (!failed) return
  const { row, eventId } = failed
  if (row.userId) {
    await notifyUser(
      db,
      env,
      row.userId,
      'import.failed',
      { importId: row.id, fileName: row.fileName, reason },
      { eventId },
    ).catch(() => [])
  }
  await invalidateLists(env, ...staleAfter(imp.entity as ImportEntity))
  await pushProgress(env, row)
  await dispatchOutbox(db, env).catch(() => {})
}

// Messages that exhausted their retries: the import is marked failed (rows written so far stay,
// listed, and can be undone).
export async function failFromDeadLetter(env: Env, importId: string) {
  await withDb(env, async (db) => {
    const [imp] = await db.select().from(imports).where(eq(imports.id, importId))
    if (imp)
      await failImport(db, env, imp, 'Le traitement a échoué plusieurs fois ; les lignes déjà écrites sont conservées.')
  })
}
