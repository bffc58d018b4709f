import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { requireUser } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { badRequest } from '../http/problem.ts'
import { listNotifications, markRead } from './notification.service.ts'

const tags = ['Notifications']
const NotificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  priority: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})

export function registerNotificationRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/notifications',
      tags,
      access: 'authenticated',
      summary: "The caller's notifications",
      request: {
        query: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ data: z.array(NotificationSchema), unread: z.number() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(
        await listNotifications(c.get('db'), requireUser(c.get('user')).id, {
          unreadOnly: q.unread === 'true',
          limit: q.limit,
        }),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/notifications/read',
      tags,
      access: 'authenticated',
      summary: 'Mark notifications read',
      request: jsonBody(z.object({ ids: z.union([z.array(z.string().uuid()).max(500), z.literal('all')]) })),
      responses: { 204: { description: 'Marked' }, ...problemResponses },
    }),
    async (c) => {
      await markRead(c.get('db'), requireUser(c.get('user')).id, c.req.valid('json').ids)
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/notifications/ws',
      tags,
      access: 'authenticated',
      summary: "WebSocket: the caller's live notifications (one hub per user)",
      responses: {
        101: { description: 'Switching protocols' },
        426: { description: 'Upgrade required' },
        ...problemResponses,
      },
    }),
    async (c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw badRequest('Connexion WebSocket attendue.')
      const user = requireUser(c.get('user'))
      const hub = c.env.NOTIFICATION_HUB.get(c.env.NOTIFICATION_HUB.idFromName(user.id))
      return hub.fetch(c.req.raw) as unknown as Response
    },
  )
}
