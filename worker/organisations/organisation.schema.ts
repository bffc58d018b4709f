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
import { type FieldPair, answerShape, inputShape } from '../shared/record-fields.ts'
import { SORTS } from './organisation-sorts.ts'

const Type = z.enum(ORGANISATION_TYPES, { message: 'Type invalide.' })
const Category = z.enum(CATEGORIES, { message: 'Catégorie invalide.' })
const Stage = z.enum(PIPELINE_STAGES, { message: 'Étape invalide.' })
const text = z.string()
const maybeText = z.string().nullable()

// What a caller writes, each field once: [how the API and the forms take it, how the API returns
// it]. A new column is its line in worker/db/schema.ts and one line here: the input, update and
// answer schemas and toOrganisationDto all follow.
const FIELDS = {
  name: [NameSchema, text],
  type: [Type, Type],
  category: [opt(Category), Category.nullable()],
  pipelineStage: [Stage.optional(), Stage],
  amount: [opt(MoneySchema), maybeText],
  email: [opt(EmailSchema), maybeText],
  phone: [opt(PhoneSchema), maybeText],
  website: [opt(WebsiteSchema), maybeText],
  address: [opt(TextSchema(300)), maybeText],
  postalCode: [opt(PostalCodeSchema), maybeText],
  city: [opt(TextSchema(120)), maybeText],
  country: [opt(TextSchema(80)), maybeText],
  notes: [opt(NotesSchema), maybeText],
  ownerId: [opt(UuidSchema), maybeText],
  isActive: [z.boolean().optional(), z.boolean()],
} as const satisfies Record<string, FieldPair>

export const OrganisationInput = z.object(inputShape(FIELDS))
export type OrganisationInput = z.infer<typeof OrganisationInput>

export const OrganisationCreate = OrganisationInput
export const OrganisationUpdate = OrganisationInput.partial()

// The answer: the fields above as stored, plus what the server owns.
export const Organisation = z.object({ id: z.string().uuid(), ...answerShape(FIELDS) }).extend({
  ownerName: z.string().nullable().optional(),
  teamId: maybeText,
  stageChangedAt: text,
  lastContactAt: maybeText,
  isStale: z.boolean(),
  createdAt: text,
  updatedAt: text,
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

// The list's filters without paging or order: what "every matching organisation" means for a
// count and for a bulk action. Strict in a bulk body: a misspelt filter must not widen an action
// to the caller's whole scope.
export const OrganisationFilter = OrganisationListQuery.omit({ limit: true, cursor: true, sort: true })
export type OrganisationFilter = z.infer<typeof OrganisationFilter>
export const OrganisationCount = z.object({
  count: z.number().int(),
  // The most a bulk action over a filter takes (BULK_FILTER_MAX).
  bulkMax: z.number().int(),
})

// One action over a selection (checked ids) or over every organisation a filter matches, resolved
// within the caller's scope; each one goes through the same rules as a single change.
export const BULK_ACTIONS = ['stage', 'category', 'owner', 'delete'] as const
// Checked rows: at most two pages of the list.
export const BULK_IDS_MAX = 100
// Every matching row: each organisation is its own transaction (about 4 round trips), so 500 keep
// one request near 10 s on Neon; past it the caller narrows the filters (docs/decisions/011).
export const BULK_FILTER_MAX = 500
const target = {
  ids: z
    .array(UuidSchema)
    .min(1, 'Sélectionnez au moins une organisation.')
    .max(BULK_IDS_MAX, `${BULK_IDS_MAX} organisations cochées au maximum par action.`)
    .optional(),
  filter: OrganisationFilter.strict().optional(),
}
export const OrganisationBulk = z
  .discriminatedUnion(
    'action',
    [
      z.object({
        ...target,
        action: z.literal('stage'),
        value: z.enum(PIPELINE_STAGES, { message: 'Étape invalide.' }),
      }),
      z.object({
        ...target,
        action: z.literal('category'),
        value: z.enum(CATEGORIES, { message: 'Catégorie invalide.' }).nullable(),
      }),
      z.object({ ...target, action: z.literal('owner'), value: UuidSchema }),
      z.object({ ...target, action: z.literal('delete'), value: z.unknown().optional() }),
    ],
    { message: 'Action invalide (stage, category, owner ou delete).' },
  )
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: 'Donnez soit les organisations cochées (ids), soit le filtre de la liste (filter).',
    path: ['ids'],
  })
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
