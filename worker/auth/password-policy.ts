// Password rules, checked server-side on every path that sets a password (change, reset,
// admin creation): at least 12 characters and not the account's email (nor its local part).
// Length beats composition rules (NIST SP 800-63B §5.1.1.2); no maximum below 1000.
import { z } from 'zod'
import type { FieldError } from '../http/problem.ts'

export const PASSWORD_MIN_LENGTH = 12

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(1000, 'Le mot de passe est trop long.')

// Rules that need the account: returns the field errors, empty when the password is acceptable.
export function passwordProblems(password: string, email: string, path = 'password'): FieldError[] {
  const errors: FieldError[] = []
  const parsed = PasswordSchema.safeParse(password)
  if (!parsed.success) errors.push({ path, message: parsed.error.issues[0]!.message })
  const p = password.trim().toLowerCase()
  const e = email.trim().toLowerCase()
  const local = e.split('@')[0] ?? ''
  if (p === e || (local.length >= 3 && p === local)) {
    errors.push({ path, message: 'Le mot de passe ne doit pas être votre adresse e-mail.' })
  }
  return errors
}
