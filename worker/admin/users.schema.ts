import { z } from 'zod'
import { ROLES } from '../db/enums.ts'
import { isUuid } from '../shared/tx.ts'
import { BoolParam } from '../shared/query-fields.ts'
import { UserIdentity } from '../auth/auth.schema.ts'

const Uuid = z.string().refine(isUuid, 'Identifiant invalide.')

export const UserDto = UserIdentity.extend({
  isActive: z.boolean(),
  createdAt: z.string(),
  // Account security state: only for callers who manage users.
  mustChangePassword: z.boolean().optional(),
  lockedUntil: z.string().nullable().optional(),
  failedLoginCount: z.number().optional(),
  lastLoginAt: z.string().nullable().optional(),
})

// Without a password the account is invited: it receives a link (24 h) to choose one. With a
// password set by the admin, the first sign-in forces a change.
export const UserCreate = z.object({
  email: z.string().trim().toLowerCase().email('Adresse e-mail invalide.').max(254),
  name: z.string().trim().min(1, 'Saisissez un nom.').max(200),
  role: z.enum(ROLES),
  teamId: Uuid.nullable().optional(),
  password: z.string().max(1000).optional(),
})

export const UserUpdate = z.object({
  name: z.string().trim().min(1, 'Saisissez un nom.').max(200).optional(),
  role: z.enum(ROLES).optional(),
  teamId: Uuid.nullable().optional(),
  isActive: z.boolean().optional(),
})

export const UserListQuery = z.object({
  q: z.string().max(200).optional(),
  role: z.enum(ROLES).optional(),
  teamId: Uuid.optional(),
  active: BoolParam,
})
