// How many rows a direct download may hold before the export goes to the EXPORTS queue. The
// Worker's own limits are loose here (30 s of CPU per request, 128 MB per isolate); what binds is
// that a download answers within about 2 s and leaves half the isolate's memory to the requests
// sharing it. So each limit is about the most rows read and rendered in 2 s of CPU at the rate
// bench/exports.bench.ts measured (rows read through the list service, then rendered), with
// memory under 64 MB (figures: docs/decisions/006-exports.md).
//   CSV    46 µs/row (12–14 of them rendering), ≤ 0.7 MB per 1,000 rows → 40,000 rows
//   Excel  68–96 µs/row, flat (streamed zip)                           → 20,000 rows
//   PDF   240 µs/row past a 0.5 s start, ≤ 6.4 MB per 1,000 rows      →  3,000 rows
import type { ExportFormat } from './export.schema.ts'

export const INLINE_ROWS: Record<ExportFormat, number> = {
  csv: 40_000,
  xlsx: 20_000,
  pdf: 3_000,
}
