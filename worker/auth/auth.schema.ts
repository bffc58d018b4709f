import { z } from 'zod'
import { ROLES } from '../db/enums.ts'

const Email = z.string().trim().toLowerCase().min(1, 'Saisissez votre e-mail.').max(254)

export const LoginInput = z.object({
  email: Email,
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(1000),
})

// An account as every answer names it: the signed-in user (Me) and the administered one (UserDto).
export const UserIdentity = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
})

export const Me = UserIdentity.extend({
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
})

// The length and email rules are checked by passwordProblems() (they need the account).
export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1, 'Saisissez votre mot de passe actuel.').max(1000),
  newPassword: z.string().max(1000),
})

export const ResetRequestInput = z.object({ email: Email })
export const ResetConfirmInput = z.object({
  token: z.string().min(10, 'Lien invalide.').max(200),
  password: z.string().max(1000),
})

export const SessionDto = z.object({
  id: z.string(),
  device: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
})
