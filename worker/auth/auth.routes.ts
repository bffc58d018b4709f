import { eq, sql } from 'drizzle-orm'
import { setCookie, deleteCookie } from 'hono/cookie'
import type { Context } from 'hono'
import type { Api, AppEnv } from '../app-env.ts'
import { requireUser } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { teams, users } from '../db/schema.ts'
import { HttpProblem, problem } from '../http/problem.ts'
import { verifyPassword } from './crypto.ts'
import { createSession, revokeSession, userFromSession, SESSION_COOKIE, SESSION_TTL_MS } from './session.service.ts'
import { LoginInput, Me } from './auth.schema.ts'
import { audit } from '../audit/audit.ts'

const tags = ['Auth']
const LOCK_AFTER = 5
const LOCK_MS = 15 * 60_000
// One answer for unknown email, wrong password and locked account: no account enumeration.
const badCredentials = () => new HttpProblem(problem(401, 'E-mail ou mot de passe incorrect, ou compte temporairement verrouillé.'))

export function sessionCookie(c: Context<AppEnv>, token: string) {
  const secure = new URL(c.req.url).hostname !== 'localhost' && new URL(c.req.url).hostname !== '127.0.0.1'
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000),
  })
}

export async function meOf(c: Context<AppEnv>) {
  const user = requireUser(c.get('user'))
  const [team] = user.teamId ? await c.get('db').select({ name: teams.name }).from(teams).where(eq(teams.id, user.teamId)) : []
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId,
    teamName: team?.name ?? null, mustChangePassword: user.mustChangePassword, permissions: [...user.permissions].sort(),
  }
}

export function registerAuthRoutes(api: Api) {
  api.openapi(apiRoute({
    method: 'post', path: '/v1/auth/login', tags, access: 'public', summary: 'Sign in with email and password',
    request: jsonBody(LoginInput),
    responses: { 200: jsonResponse(Me), ...problemResponses },
  }), async (c) => {
    const { email, password } = c.req.valid('json')
    const db = c.get('db')
    const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email))
    const meta = { ip: c.req.header('cf-connecting-ip') ?? undefined, userAgent: c.req.header('user-agent') }
    if (!user || !user.isActive) {
      await audit(c, 'auth.login_failed', { targetType: 'user', details: { email } })
      throw badCredentials()
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await audit(c, 'auth.login_locked', { targetType: 'user', targetId: user.id, details: { email } })
      throw badCredentials()
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLoginCount + 1
      const lock = failures >= LOCK_AFTER
      await db.update(users).set({
        failedLoginCount: lock ? 0 : failures,
        lockedUntil: lock ? new Date(Date.now() + LOCK_MS) : user.lockedUntil,
      }).where(eq(users.id, user.id))
      await audit(c, lock ? 'auth.locked' : 'auth.login_failed', { targetType: 'user', targetId: user.id, details: { email } })
      throw badCredentials()
    }
    await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id))
    const { token } = await createSession(db, user.id, meta)
    sessionCookie(c, token)
    c.set('user', await userFromSession(db, token))
    await audit(c, 'auth.login', { targetType: 'user', targetId: user.id })
    return c.json(await meOf(c), 200)
  })

  api.openapi(apiRoute({
    method: 'post', path: '/v1/auth/logout', tags, access: 'authenticated', summary: 'Sign out (revokes this session)',
    responses: { 204: { description: 'Signed out' }, ...problemResponses },
  }), async (c) => {
    const user = requireUser(c.get('user'))
    if (user.sessionId) await revokeSession(c.get('db'), user.sessionId)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  api.openapi(apiRoute({
    method: 'get', path: '/v1/auth/me', tags, access: 'authenticated', summary: 'Who am I (role, team, permissions)',
    responses: { 200: jsonResponse(Me), ...problemResponses },
  }), async (c) => c.json(await meOf(c), 200))
}

