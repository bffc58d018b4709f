// Shapes of the global search API: the query string and the grouped, highlighted results.
import { z } from 'zod'
import { CATEGORIES, ORGANISATION_TYPES, PIPELINE_STAGES } from '../db/enums.ts'
import { CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'
import { UuidSchema } from '../shared/fields.ts'

export const SEARCH_TYPES = ['organisations', 'people', 'mandates', 'products', 'interactions'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

// Longer input is not a search any more (and would only make the tsquery bigger): 400.
export const MAX_QUERY_LENGTH = 200

const Query = z.string().max(MAX_QUERY_LENGTH, `${MAX_QUERY_LENGTH} caractères au maximum.`)
const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Date invalide.')

export const SearchQuery = z.object({
  q: Query.optional().default(''),
  types: csv(SEARCH_TYPES),
  limit: LimitSchema(5, 50),
  cursor: CursorSchema,
  // Filters: a kind of record that has no such field is left out of the results.
  type: csv(ORGANISATION_TYPES),
  category: csv(CATEGORIES),
  stage: csv(PIPELINE_STAGES),
  city: z.string().trim().max(120).optional(),
  ownerId: UuidSchema.optional(),
  createdFrom: DateParam.optional(),
  createdTo: DateParam.optional(),
})
export type SearchQuery = z.infer<typeof SearchQuery>

export const AutocompleteQuery = z.object({
  q: Query.optional().default(''),
  types: csv(SEARCH_TYPES),
  limit: LimitSchema(8, 20),
})
export type AutocompleteQuery = z.infer<typeof AutocompleteQuery>

// [start, end) offsets in `value` (UTF-16 code units, as JavaScript strings count).
const Ranges = z.array(z.tuple([z.number().int(), z.number().int()]))
export const FieldMatch = z.object({ field: z.string(), value: z.string(), ranges: Ranges })

export const SearchHit = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.string().uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  href: z.string().nullable(),
  // The record's enum (organisation type, mandate status, product category, interaction type).
  tag: z.string().nullable(),
  rank: z.number(),
  // What matched, field by field; the title's field comes first when it matched.
  matches: z.array(FieldMatch),
})
export type SearchHit = z.infer<typeof SearchHit>

export const SearchGroup = z.object({
  type: z.enum(SEARCH_TYPES),
  // Visible matches, counted up to `totalCapped` (then "at least total").
  total: z.number().int(),
  totalCapped: z.boolean(),
  items: z.array(SearchHit),
  nextCursor: z.string().nullable(),
})
export type SearchGroup = z.infer<typeof SearchGroup>

export const SearchResult = z.object({
  query: z.string(),
  groups: z.array(SearchGroup),
})
export type SearchResult = z.infer<typeof SearchResult>

export const AutocompleteResult = z.object({
  query: z.string(),
  items: z.array(SearchHit),
})
