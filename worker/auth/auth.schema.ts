import { z } from 'zod'
import { ROLES } from '../db/enums.ts'

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Saisissez votre e-mail.').max(254),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(1000),
})

export const Me = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), teamId: z.string().nullable(),
  teamName: z.string().nullable(), mustChangePassword: z.boolean(), permissions: z.array(z.string()),
})
