// How many rows a direct download may hold before the export goes to the EXPORTS queue. The
// Worker's own limits are loose here (30 s of CPU per request, 128 MB per isolate); what binds is
// that a download answers within about 2 s and leaves half the isolate's memory to the requests
// sharing it. So each limit is about the most rows read and rendered in 2 s of CPU at the rate
// bench/exports.bench.ts measured (rows read through the list service, then rendered), with
// memory under 64 MB (figures: docs/decisions/006-exports.md).
//   CSV    5–12 µs/row (Postgres writes the text), file ~150 B/row held twice → 100,000 rows
//          (35 MB; the wall time is the database's: 0.23–0.58 s per 10,240 rows on PGlite)
//   Excel  68–96 µs/row, flat (streamed zip)                           → 20,000 rows
//   PDF   240 µs/row past a 0.5 s start, ≤ 6.4 MB per 1,000 rows      →  3,000 rows
import type { ExportFormat } from './export.schema.ts'

export const INLINE_ROWS: Record<ExportFormat, number> = {
  csv: 100_000,
  xlsx: 20_000,
  pdf: 3_000,
}
