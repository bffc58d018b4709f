// How many rows a direct download may hold before the export goes to the EXPORTS queue. The
// Worker's own limits are loose here (30 s of CPU per request, 128 MB per isolate); what binds is
// that a download answers within about 2 s and leaves half the isolate's memory to the requests
// sharing it. So each limit is about the most rows rendered in 2 s of CPU at the worst measured
// rate, with memory under 64 MB (figures: docs/decisions/006-exports.md); CSV is held at the
// issue's 100,000 although its worst rate makes that 2.5 s.
//   CSV    25 µs/row, ≤ 0.6 MB per 1,000 rows  → 100,000 rows (2.5 s, 58 MB resident at most)
//   Excel  51 µs/row, flat (streamed zip)      →  30,000 rows (1.5 s, ~25 MB)
//   PDF   565 µs/row, ≤ 6.4 MB per 1,000 rows  →   3,000 rows (1.7 s, ~20 MB)
import type { ExportFormat } from './export.schema.ts'

export const INLINE_ROWS: Record<ExportFormat, number> = {
  csv: 100_000,
  xlsx: 30_000,
  pdf: 3_000,
}
