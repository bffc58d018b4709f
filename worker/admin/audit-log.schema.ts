// Audit log shapes: one entry as admins read it, and the list's filters.
import { z } from 'zod'
import { DateTimeSchema } from '../shared/fields.ts'
import { isUuid } from '../shared/tx.ts'
import { LimitSchema, CursorSchema } from '../shared/query-fields.ts'

export const AuditEntry = z.object({
  id: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
  createdAt: z.string(),
})
export const AuditQuery = z.object({
  // An action or its prefix: `auth.` gives every sign-in event.
  action: z.string().max(80).optional(),
  actorId: z.string().refine(isUuid, 'Identifiant invalide.').optional(),
  actor: z.string().max(254).optional(),
  targetType: z.string().max(60).optional(),
  targetId: z.string().max(64).optional(),
  from: DateTimeSchema.optional(),
  to: DateTimeSchema.optional(),
  limit: LimitSchema(),
  cursor: CursorSchema,
})
export type AuditQuery = z.infer<typeof AuditQuery>
