// Person shapes: the create/update schemas serve the API and the forms.
import { z } from 'zod'
import { EmailSchema, NotesSchema, PhoneSchema, TextSchema, UuidSchema, opt } from '../shared/fields.ts'
import { CursorSchema, LimitSchema } from '../shared/query-fields.ts'
import { type FieldPair, answerShape, inputShape } from '../shared/record-fields.ts'

const PersonNameSchema = TextSchema(100).min(1, 'Ce champ est obligatoire.')

// A person's link to one organisation: the role they hold there and their work contact details.
export const PersonLinkInput = z.object({
  organisationId: UuidSchema,
  role: opt(TextSchema(120)),
  workEmail: opt(EmailSchema),
  workPhone: opt(PhoneSchema),
  // One primary contact per organisation: setting it here unsets the previous one.
  isPrimary: z.boolean().optional(),
})
export type PersonLinkInput = z.infer<typeof PersonLinkInput>
export const PersonLinkUpdate = PersonLinkInput.omit({ organisationId: true }).partial()

const text = z.string()
const maybeText = z.string().nullable()

export const PersonLink = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  role: z.string().nullable(),
  workEmail: z.string().nullable(),
  workPhone: z.string().nullable(),
  isPrimary: z.boolean(),
})

// What a caller writes, each field once: [how the API and the forms take it, how the API returns
// it]. A new column is its line in worker/db/schema.ts and one line here.
const FIELDS = {
  firstName: [PersonNameSchema, text],
  lastName: [PersonNameSchema, text],
  personalEmail: [opt(EmailSchema), maybeText],
  personalPhone: [opt(PhoneSchema), maybeText],
  jobTitle: [opt(TextSchema(120)), maybeText],
  notes: [opt(NotesSchema), maybeText],
  ownerId: [opt(UuidSchema), maybeText],
  // On create: the links to make. On update: when present, the complete set (missing links go).
  // Answered: only links to organisations that still exist (a deleted organisation's links disappear).
  organisations: [z.array(PersonLinkInput).max(50, '50 organisations au maximum.').optional(), z.array(PersonLink)],
} as const satisfies Record<string, FieldPair>

export const PersonInput = z.object(inputShape(FIELDS))
export type PersonInput = z.infer<typeof PersonInput>
export const PersonCreate = PersonInput
export const PersonUpdate = PersonInput.partial()

// The answer: the fields above as stored, plus what the server owns.
export const Person = z.object({ id: z.string().uuid(), ...answerShape(FIELDS) }).extend({
  fullName: text,
  ownerName: maybeText,
  teamId: maybeText,
  createdAt: text,
  updatedAt: text,
})

// A person seen from one organisation (its "Contacts" tab): the person and that one link.
export const Contact = Person.extend({
  role: z.string().nullable(),
  workEmail: z.string().nullable(),
  workPhone: z.string().nullable(),
  isPrimary: z.boolean(),
})

export const PERSON_SORTS = ['lastName', '-lastName', 'createdAt', '-createdAt'] as const

export const PersonListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  sort: z.enum(PERSON_SORTS).default('lastName'),
  q: z.string().trim().max(200).optional(),
  organisationId: UuidSchema.optional(),
  ownerId: UuidSchema.optional(),
})
export type PersonListQuery = z.infer<typeof PersonListQuery>
