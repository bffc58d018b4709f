// API token shapes: the answer (never the secret, except once at creation) and the create body.
import { z } from 'zod'
import { ROLES } from '../db/enums.ts'
import { DateTimeSchema } from '../shared/fields.ts'
import { isUuid } from '../shared/tx.ts'

export const TokenDto = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  roleCeiling: z.enum(ROLES),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
})
export const TokenCreate = z.object({
  name: z.string().trim().min(1, 'Nommez le jeton.').max(120),
  roleCeiling: z.enum(ROLES),
  expiresAt: DateTimeSchema,
  // The account the integration acts as (default: the admin creating it); never above roleCeiling.
  userId: z.string().refine(isUuid, 'Identifiant invalide.').optional(),
})
export type TokenCreate = z.infer<typeof TokenCreate>
