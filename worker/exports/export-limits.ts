// How many rows a direct download may hold before the export goes to the EXPORTS queue. Chosen
// from bench/exports.bench.ts (100,000-organisation seed; figures in docs/decisions/006):
// below these counts each format finishes in about 2 s of CPU and well under 64 MB, half the
// Worker's 128 MB, leaving room for the request's other work.
import type { ExportFormat } from './export.schema.ts'

export const INLINE_ROWS: Record<ExportFormat, number> = {
  csv: 100_000,
  xlsx: 20_000,
  pdf: 2_000,
}
