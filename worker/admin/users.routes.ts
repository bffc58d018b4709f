// Users: the list (for pickers and the admin screen) and their administration.
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { audited } from '../audit/audit.ts'
import { mailerFor } from '../mail/mailer.ts'
import { issueResetLink, sendResetMail } from '../auth/password-reset.service.ts'
import { UserCreate, UserDto, UserListQuery, UserUpdate } from './users.schema.ts'
import { closeSessionSockets } from '../notifications/security.ts'
import { createUser, forceReset, getUserRow, listUsers, toUserDto, unlockUser, updateUser } from './users.service.ts'

const tags = ['Users']

// Colleagues appear in pickers for everyone; lockouts and sign-in history only for user admins.
const forCaller = (caller: AuthUser) => (dto: ReturnType<typeof toUserDto>) => {
  if (caller.permissions.has('users:manage')) return dto
  const { mustChangePassword, lockedUntil, failedLoginCount, lastLoginAt, ...visible } = dto
  return visible
}

export function registerUserRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/users',
      tags,
      access: 'users:read',
      summary: 'List users (filters: q, role, teamId, active)',
      request: { query: UserListQuery },
      responses: { 200: jsonResponse(z.object({ data: z.array(UserDto) })), ...problemResponses },
    }),
    async (c) => {
      const shown = forCaller(c.var.user)
      return c.json({ data: (await listUsers(c.get('db'), c.req.valid('query'))).map(shown) }, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/users/{id}',
      tags,
      access: 'users:read',
      summary: 'Get a user',
      request: { params: IdParam },
      responses: { 200: jsonResponse(UserDto), ...problemResponses },
    }),
    async (c) => {
      const { u, teamName } = await getUserRow(c.get('db'), c.req.valid('param').id)
      return c.json(forCaller(c.var.user)(toUserDto(u, teamName)), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/users',
      tags,
      access: 'users:create',
      summary: 'Create a user: with a password (changed at first sign-in) or invited by mail (no password)',
      request: jsonBody(UserCreate),
      responses: {
        201: jsonResponse(UserDto, 'Created'),
        409: { description: 'Email already used' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const db = c.get('db')
      const invited = input.password === undefined
      // The account, its invitation link and the entry commit together; the mail leaves after.
      const { user, link } = await audited(c, async (tx, audit) => {
        const user = await createUser(tx, input)
        const link = invited ? await issueResetLink(tx, user) : null
        await audit('user.created', {
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: user.role, teamId: user.teamId, invited },
        })
        return { user, link }
      })
      if (link) await sendResetMail(mailerFor(c.env, db, c.get('log')), c.env.APP_URL, user, link, 'invite')
      const { teamName } = await getUserRow(db, user.id)
      return c.json(toUserDto(user, teamName), 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/users/{id}',
      tags,
      access: 'users:update',
      summary: 'Change name, role, team, or deactivate/reactivate',
      request: { params: IdParam, ...jsonBody(UserUpdate) },
      responses: { 200: jsonResponse(UserDto), 409: { description: 'Not on your own account' }, ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      const db = c.get('db')
      const { before, after } = await audited(c, async (tx, audit) => {
        const { before, after } = await updateUser(tx, me.id, c.req.valid('param').id, c.req.valid('json'))
        const target = { targetType: 'user', targetId: after.id }
        if (before.role !== after.role)
          await audit('user.role_changed', { ...target, details: { from: before.role, to: after.role } })
        if (before.teamId !== after.teamId)
          await audit('user.team_changed', { ...target, details: { from: before.teamId, to: after.teamId } })
        if (before.isActive !== after.isActive)
          await audit(after.isActive ? 'user.reactivated' : 'user.deactivated', target)
        if (before.name !== after.name)
          await audit('user.updated', { ...target, details: { name: { from: before.name, to: after.name } } })
        return { before, after }
      })
      // A deactivated account's sessions were revoked by updateUser; its open sockets end now.
      if (before.isActive && !after.isActive) await closeSessionSockets(c.env, after.id)
      const { teamName } = await getUserRow(db, after.id)
      return c.json(toUserDto(after, teamName), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/users/{id}/unlock',
      tags,
      access: 'users:manage',
      summary: 'Unlock an account locked after failed sign-ins',
      request: { params: IdParam },
      responses: { 204: { description: 'Unlocked' }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await audited(c, async (tx, audit) => {
        await unlockUser(tx, id)
        await audit('user.unlocked', { targetType: 'user', targetId: id })
      })
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/users/{id}/reset-password',
      tags,
      access: 'users:manage',
      summary: 'Force a password reset: the password stops working, sessions end, a link is mailed',
      request: { params: IdParam },
      responses: { 202: jsonResponse(z.object({ detail: z.string() }), 'Link sent'), ...problemResponses },
    }),
    async (c) => {
      const db = c.get('db')
      const { user, link } = await audited(c, async (tx, audit) => {
        const user = await forceReset(tx, c.req.valid('param').id)
        await audit('user.password_reset_forced', { targetType: 'user', targetId: user.id })
        return { user, link: await issueResetLink(tx, user) }
      })
      await closeSessionSockets(c.env, user.id)
      await sendResetMail(mailerFor(c.env, db, c.get('log')), c.env.APP_URL, user, link, 'reset')
      return c.json({ detail: `Un lien de réinitialisation a été envoyé à ${user.email}.` }, 202)
    },
  )
}
