// "Annuler cet import": records it created go to the bin, fields it updated get their previous
// values back. A record changed by anyone since the import wrote it (updated_at moved past the
// import row's written_at, both set by the same transaction's now()) is left alone and listed.
import { and, eq, sql } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import { withDb } from '../db/client.ts'
import { imports, organisations, people, recordHistory } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { invalidateLists } from '../cache/list-cache.ts'
import { staleAfter } from '../cache/invalidation.ts'
import { conflict } from '../http/problem.ts'
import type { Db } from '../db/client.ts'
import type { ImportEntity } from './import-fields.ts'
import { scopeOf } from './import-match.ts'
import { eventData, importer, pushProgress, type ImportJob } from './import-run.ts'
import { emitEvent } from '../events/outbox.ts'
import { dispatchOutbox } from '../events/dispatch-outbox.ts'
import { getImportRow, type LeftAlone } from './import.service.ts'

const ENTITY_TYPE = { organisations: 'organisation', people: 'person' } as const

// `recordRequest` writes the audit entry before the message is sent: an undo is never run unrecorded.
export async function requestRevert(
  db: Db,
  env: Env,
  user: AuthUser,
  id: string,
  recordRequest: (row: { fileName: string; entity: string }) => Promise<void>,
) {
  const row = await getImportRow(db, user, id)
  if (row.status !== 'completed') throw conflict('Seul un import terminé peut être annulé.')
  await recordRequest(row)
  await env.IMPORTS_QUEUE.send({ importId: id, op: 'revert' } satisfies ImportJob)
}

export async function revertImport(env: Env, importId: string) {
  await withDb(env, async (db) => {
    const [imp] = await db.select().from(imports).where(eq(imports.id, importId))
    if (imp?.status !== 'completed') return
    const user = await importer(db, imp.userId)
    if (!user) return
    const entity = imp.entity as ImportEntity
    const table = entity === 'organisations' ? organisations : people
    const name = entity === 'organisations' ? 'organisations' : 'people'
    const scope = scopeOf(entity, user) ?? sql`true`
    const done = await db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(imports)
        .where(and(eq(imports.id, importId), eq(imports.status, 'completed')))
        .for('update')
      if (!locked) return null
      const binned = await tx.execute<{ id: string }>(sql`
        update ${table} set deleted_at = now(), updated_at = now() from import_rows r
        where r.import_id = ${importId} and r.outcome = 'created' and ${sql.raw(name)}.id = r.record_id
          and ${sql.raw(name)}.deleted_at is null and ${sql.raw(name)}.updated_at = r.written_at and ${scope}
        returning ${sql.raw(name)}.id`)
      const updated = await tx.execute<{
        line: number
        id: string
        previous: Record<string, unknown>
        unchanged: boolean
      }>(sql`
        select r.line, r.record_id as id, r.previous,
          (${sql.raw(name)}.updated_at = r.written_at and ${sql.raw(name)}.deleted_at is null and ${scope}) as unchanged
        from import_rows r join ${table} on ${sql.raw(name)}.id = r.record_id
        where r.import_id = ${importId} and r.outcome = 'updated'`)
      let restored = 0
      const leftAlone: LeftAlone[] = []
      const history: (typeof recordHistory.$inferInsert)[] = []
      for (const u of updated.rows) {
        if (!u.unchanged) {
          leftAlone.push({ line: u.line, recordId: u.id, reason: 'Modifiée depuis l’import : laissée telle quelle.' })
          continue
        }
        await tx
          .update(table)
          .set({ ...u.previous, updatedAt: sql`now()` })
          .where(eq(table.id, u.id))
        const changes = Object.fromEntries(Object.entries(u.previous).map(([f, v]) => [f, { from: null, to: v }]))
        history.push({
          entityType: ENTITY_TYPE[entity],
          entityId: u.id,
          actorId: user.id,
          action: 'import_reverted',
          changes,
        })
        restored++
      }
      const kept = await tx.execute<{ line: number; id: string }>(sql`
        select r.line, r.record_id as id from import_rows r join ${table} on ${sql.raw(name)}.id = r.record_id
        where r.import_id = ${importId} and r.outcome = 'created'
          and (${sql.raw(name)}.updated_at <> r.written_at or not ${scope}) and ${sql.raw(name)}.deleted_at is null`)
      for (const k of kept.rows) {
        leftAlone.push({ line: k.line, recordId: k.id, reason: 'Modifiée depuis l’import : laissée telle quelle.' })
      }
      for (const b of binned.rows) {
        history.push({ entityType: ENTITY_TYPE[entity], entityId: b.id, actorId: user.id, action: 'deleted' })
      }
      if (history.length) await tx.insert(recordHistory).values(history)
      const [row] = await tx
        .update(imports)
        .set({
          status: 'reverted',
          revertedAt: new Date(),
          updatedAt: new Date(),
          revertReport: { binned: binned.rows.length, restored, leftAlone: leftAlone.sort((a, b) => a.line - b.line) },
        })
        .where(eq(imports.id, importId))
        .returning()
      // One event for the import, as import.completed announced it: not one per record.
      await emitEvent(tx, 'import.reverted', user, { ...eventData(row!), revert: row!.revertReport })
      return row
    })
    if (!done) return
    await invalidateLists(env, ...staleAfter(entity), 'bin')
    await pushProgress(env, done)
    await dispatchOutbox(db, env).catch(() => {})
  })
}
