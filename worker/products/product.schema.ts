// Product shapes: the catalogue is shared by every team (no owner), written by managers and admins.
import { z } from 'zod'
import { CATEGORIES } from '../db/enums.ts'
import { IsinSchema, NameSchema, TextSchema, UuidSchema, opt } from '../shared/fields.ts'
import { BoolParam, CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'

export const ProductInput = z.object({
  name: NameSchema,
  isin: IsinSchema,
  category: opt(z.enum(CATEGORIES, { message: 'Catégorie invalide.' })),
  issuerId: opt(UuidSchema),
  description: opt(TextSchema(2000)),
  isActive: z.boolean().optional(),
})
export type ProductInput = z.infer<typeof ProductInput>
export const ProductCreate = ProductInput
export const ProductUpdate = ProductInput.partial()

export const Product = z.object({
  id: z.string().uuid(),
  name: z.string(),
  isin: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  issuerId: z.string().nullable(),
  issuerName: z.string().nullable(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const PRODUCT_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const

export const ProductListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  sort: z.enum(PRODUCT_SORTS).default('name'),
  q: z.string().trim().max(200).optional(),
  category: csv(CATEGORIES),
  issuerId: UuidSchema.optional(),
  // Same as issuerId: every list filters by organisationId where it applies (DESIGN.md).
  organisationId: UuidSchema.optional(),
  active: BoolParam,
})
export type ProductListQuery = z.infer<typeof ProductListQuery>
