// The bin: deleted records kept 30 days, listed and restored by admins, then purged by the daily cron.
import { z } from 'zod'
import { CursorSchema, LimitSchema } from '../shared/query-fields.ts'

export const BIN_RETENTION_DAYS = 30
export const BIN_TYPES = ['organisations', 'people', 'products', 'mandates', 'interactions', 'tasks'] as const
export type BinType = (typeof BIN_TYPES)[number]

export const BinItem = z.object({
  type: z.enum(BIN_TYPES),
  id: z.string(),
  label: z.string(),
  deletedAt: z.string(),
  deletedById: z.string().nullable(),
  deletedByName: z.string().nullable(),
  // After this instant the daily clean-up removes it for good.
  purgeAt: z.string(),
})

export const BinListQuery = z.object({
  type: z.enum(BIN_TYPES, { message: 'Type invalide.' }).optional(),
  limit: LimitSchema(),
  cursor: CursorSchema,
})
export type BinListQuery = z.infer<typeof BinListQuery>

export const BinParams = z.object({ type: z.enum(BIN_TYPES, { message: 'Type invalide.' }), id: z.string().max(64) })
export const BinRestored = z.object({ type: z.enum(BIN_TYPES), id: z.string() })
