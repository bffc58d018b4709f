// Interaction shapes (calls, e-mails, meetings, notes on an organisation's timeline).
import { z } from 'zod'
import { INTERACTION_TYPES } from '../db/enums.ts'
import { DateTimeSchema, NotesSchema, TextSchema, UuidSchema, opt } from '../shared/fields.ts'
import { CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'

// An interaction records something that happened: a few minutes of clock skew are tolerated,
// a date in the future is not (it would make "last contact" lie).
const CLOCK_SKEW_MS = 5 * 60_000
const OccurredAtSchema = DateTimeSchema.refine(
  (v) => Date.parse(v) <= Date.now() + CLOCK_SKEW_MS,
  'La date ne peut pas être dans le futur (planifiez plutôt une tâche).',
)

export const InteractionInput = z.object({
  type: z.enum(INTERACTION_TYPES, { message: 'Type invalide (CALL, EMAIL, MEETING ou NOTE).' }),
  organisationId: UuidSchema,
  occurredAt: OccurredAtSchema.optional(),
  subject: TextSchema(200).min(1, 'Ce champ est obligatoire.'),
  summary: opt(NotesSchema),
  // People involved; each must be visible to the author.
  personIds: z.array(UuidSchema).max(50, '50 personnes au maximum.').optional(),
})
export type InteractionInput = z.infer<typeof InteractionInput>
export const InteractionCreate = InteractionInput
// The organisation of an interaction never changes: delete and record it again instead.
export const InteractionUpdate = InteractionInput.omit({ organisationId: true }).partial()
export type InteractionUpdate = z.infer<typeof InteractionUpdate>

export const InteractionPerson = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() })

export const Interaction = z.object({
  id: z.string().uuid(),
  type: z.enum(INTERACTION_TYPES),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  teamId: z.string().nullable(),
  occurredAt: z.string(),
  subject: z.string(),
  summary: z.string().nullable(),
  people: z.array(InteractionPerson),
  createdAt: z.string(),
  updatedAt: z.string(),
})

// Timelines read newest first; there is no other order.
export const InteractionListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  organisationId: UuidSchema.optional(),
  personId: UuidSchema.optional(),
  userId: UuidSchema.optional(),
  type: csv(INTERACTION_TYPES),
  from: DateTimeSchema.optional(),
  to: DateTimeSchema.optional(),
})
export type InteractionListQuery = z.infer<typeof InteractionListQuery>
