// Organisation shapes: the create/update schemas serve the API and the forms.
import { z } from 'zod'
import { CATEGORIES, ORGANISATION_TYPES, PIPELINE_STAGES } from '../db/enums.ts'
import {
  EmailSchema,
  MoneySchema,
  NameSchema,
  NotesSchema,
  PhoneSchema,
  PostalCodeSchema,
  TextSchema,
  UuidSchema,
  WebsiteSchema,
  opt,
} from '../shared/fields.ts'
import { BoolParam, CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'
import { SORTS } from './organisation-sorts.ts'

export const OrganisationInput = z.object({
  name: NameSchema,
  type: z.enum(ORGANISATION_TYPES, { message: 'Type invalide.' }),
  category: opt(z.enum(CATEGORIES, { message: 'Catégorie invalide.' })),
  pipelineStage: z.enum(PIPELINE_STAGES, { message: 'Étape invalide.' }).optional(),
  amount: opt(MoneySchema),
  email: opt(EmailSchema),
  phone: opt(PhoneSchema),
  website: opt(WebsiteSchema),
  address: opt(TextSchema(300)),
  postalCode: opt(PostalCodeSchema),
  city: opt(TextSchema(120)),
  country: opt(TextSchema(80)),
  notes: opt(NotesSchema),
  ownerId: opt(UuidSchema),
  isActive: z.boolean().optional(),
})
export type OrganisationInput = z.infer<typeof OrganisationInput>

export const OrganisationCreate = OrganisationInput
export const OrganisationUpdate = OrganisationInput.partial()

export const Organisation = z.object({
  id: z.string().uuid(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  category: z.enum(CATEGORIES).nullable(),
  pipelineStage: z.enum(PIPELINE_STAGES),
  amount: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  notes: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable().optional(),
  teamId: z.string().nullable(),
  isActive: z.boolean(),
  stageChangedAt: z.string(),
  lastContactAt: z.string().nullable(),
  isStale: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export { SORTS }

export const OrganisationListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  sort: z.enum(SORTS).default('name'),
  q: z.string().trim().max(200).optional(),
  type: csv(ORGANISATION_TYPES),
  category: csv(CATEGORIES),
  stage: csv(PIPELINE_STAGES),
  city: z.string().trim().max(120).optional(),
  ownerId: UuidSchema.optional(),
  active: BoolParam,
  noContactDays: z.coerce.number().int().min(1).max(3650).optional(),
  stale: BoolParam,
})
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>

export const STALE_AFTER_DAYS = 30

// Duplicate (e.g. a subsidiary): the copy takes these overrides; unset fields come from the source.
export const OrganisationDuplicate = OrganisationInput.partial()

// One action over a selection; each id goes through the same rules as a single change.
export const BULK_ACTIONS = ['stage', 'category', 'owner', 'delete'] as const
const ids = z
  .array(UuidSchema)
  .min(1, 'Sélectionnez au moins une organisation.')
  .max(100, '100 organisations au maximum par action.')
export const OrganisationBulk = z.discriminatedUnion(
  'action',
  [
    z.object({ ids, action: z.literal('stage'), value: z.enum(PIPELINE_STAGES, { message: 'Étape invalide.' }) }),
    z.object({
      ids,
      action: z.literal('category'),
      value: z.enum(CATEGORIES, { message: 'Catégorie invalide.' }).nullable(),
    }),
    z.object({ ids, action: z.literal('owner'), value: UuidSchema }),
    z.object({ ids, action: z.literal('delete'), value: z.unknown().optional() }),
  ],
  { message: 'Action invalide (stage, category, owner ou delete).' },
)
export type OrganisationBulk = z.infer<typeof OrganisationBulk>
export const BulkResult = z.object({
  succeeded: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), status: z.number(), detail: z.string() })),
})

// One line of a record's history: who, when, what changed (field by field).
export const HistoryEntry = z.object({
  id: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  createdAt: z.string(),
})
export const HistoryQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
})
