// Export shapes: which lists can leave the CRM, in which formats, and the job a background
// export leaves behind. Filters are each list's own query schema (one place for each filter).
import { z } from 'zod'
import { OrganisationListQuery } from '../organisations/organisation.schema.ts'
import { PersonListQuery } from '../people/person.schema.ts'
import { MandateListQuery } from '../mandates/mandate.schema.ts'
import { InteractionListQuery } from '../interactions/interaction.schema.ts'
import { TaskListQuery } from '../tasks/task.schema.ts'
import { UuidSchema } from '../shared/fields.ts'
import type { Resource } from '../permissions/matrix.ts'

export const EXPORT_ENTITIES = ['organisations', 'people', 'mandats', 'interactions', 'tasks'] as const
export type ExportEntity = (typeof EXPORT_ENTITIES)[number]
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

// The matrix resource whose `export` permission an entity needs (mandates' API says "mandats").
export const RESOURCE_OF: Record<ExportEntity, Resource> = {
  organisations: 'organisations',
  people: 'people',
  mandats: 'mandates',
  interactions: 'interactions',
  tasks: 'tasks',
}

const withoutPaging = <T extends z.ZodObject>(schema: T) => schema.omit({ limit: true, cursor: true } as never)
export const FILTER_SCHEMAS = {
  organisations: withoutPaging(OrganisationListQuery),
  people: withoutPaging(PersonListQuery),
  mandats: withoutPaging(MandateListQuery),
  interactions: withoutPaging(InteractionListQuery),
  tasks: withoutPaging(TaskListQuery),
} as const

export const MAX_IDS = 1000
export const ExportIds = z.array(UuidSchema).min(1).max(MAX_IDS, `${MAX_IDS} lignes cochées au maximum.`)

// Options that are not list filters: the CSV separator, the checked rows.
export const ExportOptions = z.object({
  sep: z.enum([';', ','], { message: 'Séparateur invalide (; ou ,).' }).default(';'),
  ids: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(ExportIds)
    .optional(),
})
export type ExportOptions = z.infer<typeof ExportOptions>

export const ExportRequest = z.object({
  entity: z.enum(EXPORT_ENTITIES, { message: 'Entité invalide.' }),
  format: z.enum(EXPORT_FORMATS, { message: 'Format invalide (csv, xlsx ou pdf).' }),
  filters: z.record(z.string(), z.string()).optional(),
  ids: ExportIds.optional(),
})
export type ExportRequest = z.infer<typeof ExportRequest>

export const ExportAccepted = z.object({ id: z.string().uuid() })

export const ExportJob = z.object({
  id: z.string().uuid(),
  entity: z.enum(EXPORT_ENTITIES),
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(['queued', 'running', 'done', 'failed', 'expired']),
  progress: z.number().int().min(0).max(100),
  rowCount: z.number().int().nullable(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  failure: z.string().nullable(),
  downloadUrl: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
})
export type ExportJob = z.infer<typeof ExportJob>

export const FileParam = z.object({ file: z.string().max(64) })
export const IdOnly = z.object({ id: z.string().max(64) })
