// Sign-in, sign-out and "who am I". Lockout (5 failures → 15 min) and the sign-in rate limit
// (5/min per IP and email) both answer without revealing whether the email exists.
import { eq, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Api, AppEnv } from '../app-env.ts'
import type { AuthUser } from './auth-user.ts'
import type { Db } from '../db/client.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { teams, users } from '../db/schema.ts'
import { HttpProblem, problem } from '../http/problem.ts'
import { hashPassword, verifyPassword } from './crypto.ts'
import { createSession, revokeSession, userFromSession } from './session.service.ts'
import { closeSessionSockets, notifyAccountLocked, notifySignIn } from '../notifications/security.ts'
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts'
import { registerPasswordRoutes } from './password.routes.ts'
import { registerSessionRoutes } from './sessions.routes.ts'
import { LoginInput, Me } from './auth.schema.ts'
import { isLocked, SIGN_IN_REFUSED } from './lockout.ts'
import { recordFailedLogin } from './lockout.service.ts'
import { type AuditEntry, audited } from '../audit/audit.ts'
import { limitSignIn } from '../middleware/rate-limit.ts'

const tags = ['Auth']
// One answer for unknown email, wrong password and locked account: no account enumeration.
const badCredentials = () => new HttpProblem(problem(401, SIGN_IN_REFUSED))

// An unknown email still pays one PBKDF2 run, so response time does not reveal which emails exist.
let decoyHash: Promise<string> | undefined
const decoy = () => (decoyHash ??= hashPassword('decoy-password-never-matches'))

export async function meOf(db: Db, user: AuthUser) {
  const [team] = user.teamId ? await db.select({ name: teams.name }).from(teams).where(eq(teams.id, user.teamId)) : []
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    teamName: team?.name ?? null,
    mustChangePassword: user.mustChangePassword,
    permissions: [...user.permissions].sort(),
  }
}

export function registerAuthRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags,
      access: 'public',
      summary: 'Sign in with email and password',
      request: jsonBody(LoginInput),
      responses: {
        200: jsonResponse(Me),
        429: { description: 'Too many attempts (Retry-After)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      await limitSignIn(c, email)
      const db = c.get('db')
      const [user] = await db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
      if (!user || !user.isActive) {
        await verifyPassword(password, await decoy())
        await refuseSignIn(c, NO_ACCOUNT, 'auth.login_failed', {
          targetType: 'user',
          targetId: user?.id,
          details: { email, reason: user ? 'inactive' : 'unknown' },
        })
        throw badCredentials()
      }
      // The password is checked even for a locked account: a lock that answered before the
      // PBKDF2 run was 16 ms faster, which told an attacker the account was locked.
      const passwordMatches = await verifyPassword(password, user.passwordHash)
      if (isLocked(user)) {
        await refuseSignIn(c, user.id, 'auth.login_locked', {
          targetType: 'user',
          targetId: user.id,
          details: { email },
        })
        throw badCredentials()
      }
      if (!passwordMatches) {
        const next = await refuseSignIn(c, user.id, 'auth.login_failed', {
          targetType: 'user',
          targetId: user.id,
          details: { email, reason: 'password' },
        })
        if (next.locked) await notifyAccountLocked(db, c.env, user.id, next.lockedUntil)
        throw badCredentials()
      }
      const { token, signedIn } = await audited(c, async (tx, audit) => {
        await tx
          .update(users)
          .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
          .where(eq(users.id, user.id))
        const { token } = await createSession(tx, user.id, {
          ip: c.req.header('cf-connecting-ip'),
          userAgent: c.req.header('user-agent'),
        })
        const signedIn = await userFromSession(tx, token)
        // "Sign out everywhere" from another device may revoke this session before it is read back.
        if (!signedIn) throw badCredentials()
        c.set('user', signedIn)
        await audit('auth.login', { targetType: 'user', targetId: user.id })
        return { token, signedIn }
      })
      setSessionCookie(c, token)
      if (signedIn?.sessionId) {
        const meta = {
          id: signedIn.sessionId,
          userAgent: c.req.header('user-agent'),
          ip: c.req.header('cf-connecting-ip'),
        }
        await notifySignIn(db, c.env, user.id, meta)
      }
      return c.json(await meOf(db, signedIn!), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/logout',
      tags,
      access: 'authenticated',
      summary: 'Sign out (revokes this session)',
      responses: { 204: { description: 'Signed out' }, ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      await audited(c, async (tx, audit) => {
        if (user.sessionId) await revokeSession(tx, user.sessionId)
        await audit('auth.logout', { targetType: 'user', targetId: user.id })
      })
      if (user.sessionId) await closeSessionSockets(c.env, user.id, { only: [user.sessionId] })
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/auth/me',
      tags,
      access: 'authenticated',
      summary: 'Who am I (role, team, permissions)',
      responses: { 200: jsonResponse(Me), ...problemResponses },
    }),
    async (c) => c.json(await meOf(c.get('db'), c.var.user), 200),
  )

  registerPasswordRoutes(api)
  registerSessionRoutes(api)
}

// No account has this id: the count's UPDATE for an unknown or inactive address matches no row.
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000'

// Every refused sign-in runs the same statements, so its time tells nothing (unknown address,
// locked account or wrong password): one transaction with the failure count's UPDATE (which
// leaves a locked account, and no account, as it is) and the entry; the lock's own entry when
// this failure locked the account.
function refuseSignIn(c: Context<AppEnv>, userId: string, action: string, entry: AuditEntry) {
  return audited(c, async (tx, audit) => {
    const next = await recordFailedLogin(tx, userId)
    await audit(action, entry)
    if (next.locked)
      await audit('auth.locked', {
        targetType: 'user',
        targetId: userId,
        details: { ...entry.details, until: next.lockedUntil?.toISOString() },
      })
    return next
  })
}
