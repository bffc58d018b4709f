// Import request and response shapes (API fixed points of issue 11).
import { z } from 'zod'
import { IMPORT_ENTITIES } from './import-fields.ts'
import { IMPORT_MODES } from './import-plan.ts'

export const ImportEntitySchema = z.enum(IMPORT_ENTITIES, { message: 'Entité invalide (organisations ou people).' })
export const ImportRun = z.object({
  mapping: z.array(z.string().max(40).nullable()).max(500),
  mode: z.enum(IMPORT_MODES, { message: 'Mode invalide (create, update ou upsert).' }),
})
export const TemplateParam = z.object({ file: z.string().max(40) })

const Counts = z.object({ created: z.number(), updated: z.number(), skipped: z.number(), errors: z.number() })
const RowError = z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })

export const ImportSummary = z.object({
  id: z.string(),
  entity: ImportEntitySchema,
  fileName: z.string(),
  fileSize: z.number(),
  format: z.string(),
  sheetName: z.string().nullable(),
  status: z.enum(['uploaded', 'running', 'completed', 'failed', 'reverted']),
  mode: z.enum(IMPORT_MODES).nullable(),
  rowCount: z.number(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  progress: z.object({ done: z.number(), total: z.number() }),
  counts: Counts,
  failure: z.string().nullable(),
  revert: z
    .object({
      binned: z.number(),
      restored: z.number(),
      leftAlone: z.array(z.object({ line: z.number(), recordId: z.string(), reason: z.string() })),
    })
    .nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  revertedAt: z.string().nullable(),
})
const Field = z.object({ key: z.string(), label: z.string(), kind: z.string(), required: z.boolean().optional() })
export const ImportDetail = ImportSummary.extend({ errors: z.array(RowError), fields: z.array(Field) })
export const ImportList = z.object({ data: z.array(ImportSummary) })

export const ImportCreated = z.object({
  id: z.string(),
  rowCount: z.number(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  mappingRemembered: z.boolean(),
  encoding: z.string().nullable(),
  sheetName: z.string().nullable(),
  sheetNames: z.array(z.string()),
  preview: z.array(
    z.object({
      line: z.number(),
      cells: z.array(z.string()),
      values: z.record(z.string(), z.unknown()),
      errors: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
    }),
  ),
})

export const DryRunResult = z.object({
  counts: Counts,
  errors: z.array(RowError),
  preview: z.array(
    z.object({
      line: z.number(),
      outcome: z.string(),
      values: z.record(z.string(), z.unknown()),
      message: z.string().nullable(),
      // The file's cells as read (by column), and every problem of the row with its column, so
      // the preview shows each one on its cell.
      cells: z.array(z.string()),
      errors: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
    }),
  ),
})
