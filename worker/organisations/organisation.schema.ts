// Organisation shapes: the create/update schemas serve the API and the forms.
import { z } from 'zod'
import { CATEGORIES, ORGANISATION_TYPES, PIPELINE_STAGES } from '../db/enums.ts'
import {
  EmailSchema, MoneySchema, NameSchema, NotesSchema, PhoneSchema, PostalCodeSchema, TextSchema, UuidSchema,
  WebsiteSchema, opt,
} from '../shared/fields.ts'

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

export const SORTS = ['name', '-name', 'createdAt', '-createdAt', 'amount', '-amount', 'stageChangedAt', '-stageChangedAt'] as const

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').filter(Boolean)).pipe(z.array(z.enum(values))).optional()

export const OrganisationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.enum(SORTS).default('name'),
  q: z.string().trim().max(200).optional(),
  type: csv(ORGANISATION_TYPES),
  category: csv(CATEGORIES),
  stage: csv(PIPELINE_STAGES),
  city: z.string().trim().max(120).optional(),
  ownerId: UuidSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  noContactDays: z.coerce.number().int().min(1).max(3650).optional(),
  stale: z.enum(['true', 'false']).optional(),
})
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>

export const STALE_AFTER_DAYS = 30
