// Mandate (mandat) shapes and the status lifecycle, shared by the API and the forms.
import { z } from 'zod'
import { MANDATE_STATUSES, type MandateStatus } from '../db/enums.ts'
import { DateSchema, DateTimeSchema, MoneySchema, NotesSchema, UuidSchema, opt } from '../shared/fields.ts'
import { CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'

// BROUILLON → EN_NEGOCIATION → SIGNE → ACTIF → RESILIE | EXPIRE. A draft under negotiation may go
// back to draft; a signed mandate may be terminated before it starts; RESILIE and EXPIRE are final.
export const MANDATE_TRANSITIONS: Record<MandateStatus, readonly MandateStatus[]> = {
  BROUILLON: ['EN_NEGOCIATION'],
  EN_NEGOCIATION: ['BROUILLON', 'SIGNE'],
  SIGNE: ['ACTIF', 'RESILIE'],
  ACTIF: ['RESILIE', 'EXPIRE'],
  RESILIE: [],
  EXPIRE: [],
}
// A new mandate starts as a draft or already under negotiation; signing is a later, explicit step.
export const MANDATE_INITIAL_STATUSES = ['BROUILLON', 'EN_NEGOCIATION'] as const

const status = z.enum(MANDATE_STATUSES, { message: 'Statut invalide.' })
const productIds = z.array(UuidSchema).max(50, '50 produits au maximum.')

const endAfterStart = (v: { startDate?: string | null; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate
const endAfterStartIssue = { message: 'La date de fin doit suivre la date de début.', path: ['endDate'] }

// Fields a mandate takes both when created and when edited.
const editable = {
  productIds: productIds.optional(),
  startDate: opt(DateSchema),
  endDate: opt(DateSchema),
  amount: opt(MoneySchema),
  notes: opt(NotesSchema),
  ownerId: opt(UuidSchema),
}

export const MandateCreate = z
  .object({
    ...editable,
    organisationId: UuidSchema,
    status: z
      .enum(MANDATE_INITIAL_STATUSES, { message: 'Un mandat commence en BROUILLON ou EN_NEGOCIATION.' })
      .optional(),
  })
  .refine(endAfterStart, endAfterStartIssue)
export type MandateCreate = z.infer<typeof MandateCreate>

// The organisation of a mandate never changes; the status moves along MANDATE_TRANSITIONS only.
export const MandateUpdate = z
  .object({
    ...editable,
    status: status.optional(),
    // Defaults to the moment of the move to SIGNE; may be given to record a past signature.
    signedAt: opt(DateTimeSchema),
  })
  .refine(endAfterStart, endAfterStartIssue)
export type MandateUpdate = z.infer<typeof MandateUpdate>

export const MandateProduct = z.object({ id: z.string(), name: z.string(), isin: z.string() })

export const Mandate = z.object({
  id: z.string().uuid(),
  number: z.string(),
  organisationId: z.string(),
  // Null when the organisation is outside the caller's scope (handed to another team since).
  organisationName: z.string().nullable(),
  status,
  // The statuses this mandate may move to next (for the UI's buttons).
  allowedTransitions: z.array(status),
  signedAt: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  amount: z.string().nullable(),
  notes: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  teamId: z.string().nullable(),
  products: z.array(MandateProduct),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const MANDATE_SORTS = ['number', '-number', 'createdAt', '-createdAt'] as const

export const MandateListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  sort: z.enum(MANDATE_SORTS).default('-number'),
  q: z.string().trim().max(50).optional(),
  status: csv(MANDATE_STATUSES),
  organisationId: UuidSchema.optional(),
  productId: UuidSchema.optional(),
  ownerId: UuidSchema.optional(),
})
export type MandateListQuery = z.infer<typeof MandateListQuery>
