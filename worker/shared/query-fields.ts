// Query-string fields shared by every list: the same limits and spellings on each resource.
import { z } from 'zod'

export const LimitSchema = (fallback = 50, max = 100) => z.coerce.number().int().min(1).max(max).default(fallback)
export const CursorSchema = z.string().max(500).optional()
export const BoolParam = z.enum(['true', 'false']).optional()

// A comma-separated list of enum values: `?stage=PROSPECT,QUALIFICATION`.
export const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional()
