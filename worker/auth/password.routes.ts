// Password change (current one required), forgotten password (single-use link, 24 h) and the
// link's use. Every new password goes through passwordProblems().
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { users } from '../db/schema.ts'
import { badRequest } from '../http/problem.ts'
import { audited, auditEvent } from '../audit/audit.ts'
import { limitSignIn } from '../middleware/rate-limit.ts'
import { mailerFor } from '../mail/mailer.ts'
import { withDb } from '../db/client.ts'
import { hashPassword, verifyPassword } from './crypto.ts'
import { passwordProblems } from './password-policy.ts'
import { revokeAllSessions } from './session.service.ts'
import { closeSessionSockets, notifyPasswordChanged } from '../notifications/security.ts'
import { claimResetLink, findResetLink, issueResetLink, sendResetMail } from './password-reset.service.ts'
import { PasswordChangeInput, ResetConfirmInput, ResetRequestInput } from './auth.schema.ts'

const tags = ['Auth']
const Accepted = z.object({ detail: z.string() })
const RESET_SENT =
  "Si un compte actif correspond à cette adresse, un lien de réinitialisation valable 24 heures vient d'y être envoyé."

export function registerPasswordRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/password',
      tags,
      access: 'authenticated',
      summary: 'Change my password (the current one is required); signs out my other sessions',
      request: jsonBody(PasswordChangeInput),
      responses: { 204: { description: 'Changed' }, ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      if (me.via !== 'session') throw badRequest('Un jeton d’API ne peut pas changer de mot de passe.')
      const { currentPassword, newPassword } = c.req.valid('json')
      const db = c.get('db')
      const [row] = await db.select().from(users).where(eq(users.id, me.id))
      if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
        throw badRequest('Le mot de passe actuel est incorrect.', [
          { path: 'currentPassword', message: 'Mot de passe actuel incorrect.' },
        ])
      }
      const problems = passwordProblems(newPassword, row.email, 'newPassword')
      if (currentPassword === newPassword)
        problems.push({ path: 'newPassword', message: 'Choisissez un mot de passe différent de l’actuel.' })
      if (problems.length) throw badRequest('Ce mot de passe ne respecte pas les règles.', problems)
      const passwordHash = await hashPassword(newPassword)
      await audited(c, async (tx, audit) => {
        await tx
          .update(users)
          .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
          .where(eq(users.id, me.id))
        await revokeAllSessions(tx, me.id, me.sessionId)
        await audit('auth.password_changed', { targetType: 'user', targetId: me.id })
      })
      await closeSessionSockets(c.env, me.id, { except: me.sessionId })
      await notifyPasswordChanged(db, c.env, me.id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/password-reset',
      tags,
      access: 'public',
      summary:
        'Forgotten password: mails a single-use link valid 24 hours (same answer whether the email exists or not)',
      request: jsonBody(ResetRequestInput),
      responses: {
        202: jsonResponse(Accepted, 'Accepted'),
        429: { description: 'Too many requests (Retry-After)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { email } = c.req.valid('json')
      await limitSignIn(c, email, 'reset')
      const db = c.get('db')
      const [user] = await db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
      // Known or not, the answer costs the same (one look-up, one audit row): the link and the
      // mail are made after the answer, on a connection of their own, or their 10+ ms (a mail
      // provider's round trip in production) would tell which addresses have an account.
      const known = user?.isActive ? user : undefined
      await auditEvent(c, 'auth.reset_requested', { targetType: 'user', targetId: known?.id, details: { email } })
      if (known) {
        const log = c.get('log')
        c.executionCtx.waitUntil(
          withDb(c.env, async (background) => {
            const token = await issueResetLink(background, known)
            await sendResetMail(mailerFor(c.env, background, log), c.env.APP_URL, known, token, 'reset')
          }).catch((error) => log.error('reset link not sent', { error: String(error) })),
        )
      }
      return c.json({ detail: RESET_SENT }, 202)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/password-reset/confirm',
      tags,
      access: 'public',
      summary: 'Set a new password with a reset link (single use); unlocks the account and signs out everywhere',
      request: jsonBody(ResetConfirmInput),
      responses: { 204: { description: 'Password set' }, ...problemResponses },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json')
      const db = c.get('db')
      const link = await findResetLink(db, token)
      if (link.state !== 'valid' || !link.user || !link.resetId) {
        const detail =
          link.state === 'expired'
            ? 'Ce lien a expiré (validité 24 heures). Demandez-en un nouveau.'
            : link.state === 'used'
              ? 'Ce lien a déjà servi. Demandez-en un nouveau.'
              : 'Ce lien est invalide. Demandez-en un nouveau.'
        await auditEvent(c, 'auth.reset_refused', {
          targetType: 'user',
          targetId: link.user?.id,
          details: { state: link.state },
        })
        throw badRequest(detail, [{ path: 'token', message: detail }])
      }
      const problems = passwordProblems(password, link.user.email)
      if (problems.length) throw badRequest('Ce mot de passe ne respecte pas les règles.', problems)
      const user = link.user
      const resetId = link.resetId
      const passwordHash = await hashPassword(password)
      await audited(c, async (tx, audit) => {
        if (!(await claimResetLink(tx, resetId)))
          throw badRequest('Ce lien a déjà servi. Demandez-en un nouveau.', [
            { path: 'token', message: 'Lien déjà utilisé.' },
          ])
        await tx
          .update(users)
          .set({
            passwordHash,
            mustChangePassword: false,
            failedLoginCount: 0,
            lockedUntil: null,
            updatedAt: new Date(),
          })
          .where(eq(users.id, user.id))
        await revokeAllSessions(tx, user.id)
        await audit('auth.password_reset', { targetType: 'user', targetId: user.id })
      })
      await closeSessionSockets(c.env, user.id)
      await notifyPasswordChanged(db, c.env, user.id)
      return c.body(null, 204)
    },
  )
}
