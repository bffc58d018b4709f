// My active sessions (device, last seen), revoking one, and "sign out everywhere".
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { notFound } from '../http/problem.ts'
import { audited } from '../audit/audit.ts'
import { activeSessions, revokeAllSessions, revokeSession } from './session.service.ts'
import { SessionDto } from './auth.schema.ts'
import { describeDevice } from './device.ts'
import { clearSessionCookie } from './session-cookie.ts'
import { closeSessionSockets } from '../notifications/security.ts'
import { isUuid } from '../shared/tx.ts'

const tags = ['Auth']

export function registerSessionRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/auth/sessions',
      tags,
      access: 'authenticated',
      summary: 'My active sessions, most recent first',
      responses: { 200: jsonResponse(z.object({ data: z.array(SessionDto) })), ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      const rows = await activeSessions(c.get('db'), me.id)
      return c.json(
        {
          data: rows.map((s) => ({
            id: s.id,
            device: describeDevice(s.userAgent),
            userAgent: s.userAgent,
            ip: s.ip,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
            current: s.id === me.sessionId,
          })),
        },
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/auth/sessions/{id}',
      tags,
      access: 'authenticated',
      summary: 'Revoke one of my sessions',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw notFound()
      await audited(c, async (tx, audit) => {
        if (!(await revokeSession(tx, id, me.id))) throw notFound()
        await audit('auth.session_revoked', { targetType: 'session', targetId: id })
      })
      await closeSessionSockets(c.env, me.id, { only: [id] })
      if (id === me.sessionId) clearSessionCookie(c)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/auth/logout-all',
      tags,
      access: 'authenticated',
      summary: 'Sign out everywhere (every session of mine, this one included)',
      responses: { 200: jsonResponse(z.object({ revoked: z.number() })), ...problemResponses },
    }),
    async (c) => {
      const me = c.var.user
      const revoked = await audited(c, async (tx, audit) => {
        const revoked = await revokeAllSessions(tx, me.id)
        await audit('auth.logout_all', { targetType: 'user', targetId: me.id, details: { revoked } })
        return revoked
      })
      await closeSessionSockets(c.env, me.id)
      clearSessionCookie(c)
      return c.json({ revoked }, 200)
    },
  )
}
