// The Excel report: the file's rows as sent, each with its outcome — green created or updated,
// grey skipped (with why), red error (column and reason) — so the user fixes and re-imports only
// the red rows. Built chunk by chunk from R2 and import_rows.
import { and, between, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { importRows, type imports } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { allChunks } from './import-storage.ts'
import { STYLE, writeXlsx, type XlsxRow } from './xlsx-writer.ts'

const LABEL = { created: 'Créée', updated: 'Mise à jour', skipped: 'Ignorée', error: 'Erreur' } as const
const STYLE_OF = { created: STYLE.ok, updated: STYLE.ok, skipped: STYLE.skipped, error: STYLE.error } as const

export async function importReport(db: Db, env: Env, imp: typeof imports.$inferSelect) {
  async function* rows(): AsyncIterable<XlsxRow[]> {
    yield [{ cells: ['Ligne', 'Statut', 'Raison', ...imp.headers], style: STYLE.header }]
    for await (const chunk of allChunks(env, imp.id, imp.chunkCount)) {
      if (!chunk.length) continue
      const outcomes = await db
        .select()
        .from(importRows)
        .where(and(eq(importRows.importId, imp.id), between(importRows.line, chunk[0]![0], chunk.at(-1)![0])))
      const byLine = new Map(outcomes.map((o) => [o.line, o]))
      yield chunk.map(([line, cells]) => {
        const o = byLine.get(line)
        const outcome = o?.outcome as keyof typeof LABEL | undefined
        const reason = o?.message ? (o.columnName ? `${o.columnName} : ${o.message}` : o.message) : ''
        return {
          cells: [line, outcome ? LABEL[outcome] : 'Non traitée', reason, ...cells],
          style: outcome ? STYLE_OF[outcome] : STYLE.plain,
        }
      })
    }
  }
  return writeXlsx([{ name: 'Rapport', widths: [8, 12, 48, ...imp.headers.map(() => 18)], rows: rows() }])
}
