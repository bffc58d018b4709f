// How many rows a direct download may hold before the export goes to the EXPORTS queue. The
// Worker's own limits are loose here (30 s of CPU per request, 128 MB per isolate); what binds is
// that a download answers within about 2 s and leaves half the isolate's memory to the requests
// sharing it. So each limit is about the most rows read and rendered in 2 s of CPU at the rate
// bench/exports.bench.ts measured (rows read through the list service, then rendered), with
// memory under 64 MB (figures: docs/decisions/006-exports.md).
//   CSV    2–4 µs/row (Postgres' COPY writes the text), file ~150 B/row      → 100,000 rows
//          (15 MB held as bytes; 100,240 rows in 0.7–0.9 s on PGlite, 1.5–1.8× a bare COPY)
//   Excel  68–96 µs/row, flat (streamed zip)                           → 20,000 rows
//   PDF   240 µs/row past a 0.5 s start, ≤ 6.4 MB per 1,000 rows      →  3,000 rows
import type { ExportFormat } from './export.schema.ts'

export const INLINE_ROWS: Record<ExportFormat, number> = {
  csv: 100_000,
  xlsx: 20_000,
  pdf: 3_000,
}
