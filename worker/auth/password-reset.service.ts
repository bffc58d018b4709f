// Forgotten password and invitations: a single-use link valid 24 hours, sent by mail. Only the
// token's SHA-256 is stored; a newer link cancels the older ones of the same account.
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { passwordResets, users } from '../db/schema.ts'
import type { Mailer } from '../mail/mailer.ts'
import { randomToken, sha256 } from './crypto.ts'

export const RESET_TTL_MS = 24 * 3600_000

type ResetRow = typeof passwordResets.$inferSelect
export type ResetState = 'valid' | 'used' | 'expired' | 'unknown'

// Pure, so the 24-hour expiry is tested without waiting a day.
export function resetState(row: Pick<ResetRow, 'usedAt' | 'expiresAt'> | undefined, now = new Date()): ResetState {
  if (!row) return 'unknown'
  if (row.usedAt) return 'used'
  if (row.expiresAt <= now) return 'expired'
  return 'valid'
}

export async function issueResetLink(db: Db, user: { id: string; email: string }) {
  const token = randomToken()
  await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
  await db
    .insert(passwordResets)
    .values({ userId: user.id, tokenHash: await sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) })
  return token
}

// APP_URL, never the request's Host header: a forged Host must not end up in a reset mail.
export const resetUrl = (appUrl: string, token: string) =>
  `${appUrl.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`

export async function sendResetMail(
  mailer: Mailer,
  appUrl: string,
  user: { email: string; name: string },
  token: string,
  kind: 'reset' | 'invite',
) {
  const link = resetUrl(appUrl, token)
  const subject = kind === 'invite' ? 'Votre accès au CRM' : 'Réinitialisation de votre mot de passe'
  const intro =
    kind === 'invite'
      ? 'Un compte a été créé pour vous sur le CRM. Choisissez votre mot de passe en ouvrant ce lien :'
      : 'Vous avez demandé à réinitialiser votre mot de passe. Ouvrez ce lien pour en choisir un nouveau :'
  await mailer.send({
    to: user.email.toLowerCase(),
    subject,
    text:
      `Bonjour ${user.name},\n\n${intro}\n${link}\n\nCe lien est valable 24 heures et ne sert qu'une fois. Si ` +
      `vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n`,
  })
}

export async function findResetLink(db: Db, token: string) {
  const [row] = await db
    .select({ r: passwordResets, u: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, await sha256(token)))
  const state = row && !row.u.isActive ? 'unknown' : resetState(row?.r)
  return { state, resetId: row?.r.id, user: row?.u }
}

// Marks the link used in the statement that checks it, so two concurrent uses cannot both win.
export async function claimResetLink(db: Db, resetId: string) {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.id, resetId), isNull(passwordResets.usedAt)))
    .returning({ id: passwordResets.id })
  return rows.length > 0
}
