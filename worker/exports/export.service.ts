// Builds an export file: the CSV as one COPY through the list's filters (csvBlocks), Excel and PDF
// in one pass over the list's pages. The same code serves a direct download and the background
// job; `maxRows` makes a direct download give up early (then the caller queues it) instead of
// running past a request's CPU and memory.
import { count, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { interactions, mandates, organisations, people, tasks } from '../db/schema.ts'
import { interactionFilters } from '../interactions/interaction.service.ts'
import { mandateFilters } from '../mandates/mandate.service.ts'
import { taskFilters } from '../tasks/task.service.ts'
import { organisationFilters } from '../organisations/organisation.service.ts'
import { personFilters } from '../people/person.service.ts'
import { LAYOUTS, type CellValue } from './export-columns.ts'
import { csvHeader } from './csv-sql.ts'
import { StatsCollector } from './export-stats.ts'
import { csvBlocks, exportRows, type ExportSource } from './export-source.ts'
import { renderReport } from './pdf-report.ts'
import { PDF_TYPE } from './pdf-kit.ts'
import { XLSX_TYPE, XlsxWriter } from './xlsx.ts'
import type { ExportEntity, ExportFormat } from './export.schema.ts'

export type BuildOptions = ExportSource & {
  format: ExportFormat
  sep?: ';' | ','
  firm: string
  filtersText: string[]
  maxRows?: number
  onProgress?: (rows: number) => Promise<void>
}
export type BuiltFile = { body: Blob; contentType: string; fileName: string; rowCount: number }

export const CSV_TYPE = 'text/csv; charset=utf-8'

export function fileName(entity: ExportEntity, format: ExportFormat, at = new Date()) {
  return `${entity}-${at.toISOString().slice(0, 10)}.${format}`
}

// Returns null when the rows outnumber maxRows.
export async function buildExport(o: BuildOptions): Promise<BuiltFile | null> {
  const layout = LAYOUTS[o.entity]
  const limit = o.maxRows ?? Number.POSITIVE_INFINITY
  let rows = 0
  const over = (batch: CellValue[][]) => {
    rows += batch.length
    return rows > limit
  }
  const name = fileName(o.entity, o.format)
  if (o.format === 'csv') {
    const sep = o.sep ?? ';'
    // The file is held once, as UTF-8 bytes (100,000 rows kept as strings did not fit 40 MB of heap).
    const parts: Uint8Array[] = [new TextEncoder().encode(csvHeader(layout.columns, sep))]
    for await (const block of csvBlocks(o, sep)) {
      rows += block.rows
      if (rows > limit) return null
      parts.push(block.bytes)
      await o.onProgress?.(rows)
    }
    return {
      body: new Blob(parts as BlobPart[], { type: CSV_TYPE }),
      contentType: CSV_TYPE,
      fileName: name,
      rowCount: rows,
    }
  }
  if (o.format === 'xlsx') {
    const writer = new XlsxWriter(layout, { title: layout.title, author: o.user.name })
    for await (const batch of exportRows(o)) {
      if (over(batch)) return null
      writer.write(batch)
      await o.onProgress?.(rows)
    }
    const { body } = await writer.finish()
    return { body, contentType: XLSX_TYPE, fileName: name, rowCount: rows }
  }
  const all: CellValue[][] = []
  const stats = new StatsCollector(layout)
  for await (const batch of exportRows(o)) {
    if (over(batch)) return null
    for (const r of batch) all.push(r)
    stats.add(batch)
    await o.onProgress?.(rows)
  }
  const bytes = await renderReport(layout, all, stats.result(), {
    firm: o.firm,
    author: o.user.name,
    filters: o.filtersText,
    at: new Date(),
  })
  return {
    body: new Blob([bytes as BlobPart], { type: PDF_TYPE }),
    contentType: PDF_TYPE,
    fileName: name,
    rowCount: rows,
  }
}

// The table and condition function of each list (its filters and the caller's scope), for counting.
type Condition = (user: AuthUser, q: Record<string, unknown>) => SQL | undefined
const COUNTED: Record<ExportEntity, [PgTable, Condition]> = {
  organisations: [organisations, organisationFilters],
  people: [people, personFilters],
  mandats: [mandates, mandateFilters],
  interactions: [interactions, interactionFilters],
  tasks: [tasks, taskFilters],
}

// How many rows an export will hold, counted through the list's own conditions: a direct download
// then knows up front that it must be queued (before its COPY starts), and the background job
// shows a percentage.
export async function countRows(db: Db, user: AuthUser, entity: ExportEntity, filters: Record<string, unknown>) {
  const [table, conditions] = COUNTED[entity]
  const [r] = await db.select({ n: count() }).from(table).where(conditions(user, filters))
  return r!.n
}
