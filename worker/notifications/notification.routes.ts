import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { NOTIFICATION_PRIORITIES } from '../db/enums.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { apiRoute } from '../http/route.ts'
import { isNotificationType } from './catalogue.ts'
import { archive, listNotifications, markRead, pushToUser } from './notification.service.ts'
import { registerNotificationSocket } from './notification-ws.routes.ts'
import { registerNotificationPreferenceRoutes } from './preferences.routes.ts'
import { LimitSchema, CursorSchema, BoolParam } from '../shared/query-fields.ts'

const tags = ['Notifications']
const NotificationSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.string(),
  priority: z.enum(NOTIFICATION_PRIORITIES),
  title: z.string(),
  message: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
})
const Ids = z.array(z.string().uuid()).min(1).max(500)
const Changed = z.object({ ids: z.array(z.string()) })

export function registerNotificationRoutes(api: Api) {
  registerNotificationSocket(api)
  registerNotificationPreferenceRoutes(api)
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/notifications',
      tags,
      access: 'authenticated',
      summary: "The caller's notifications: newest first, or after a sequence number (`since`) oldest first",
      request: {
        query: z.object({
          unread: BoolParam,
          archived: BoolParam,
          type: z.string().max(60).refine(isNotificationType, { message: 'Type de notification inconnu.' }).optional(),
          priority: z.enum(NOTIFICATION_PRIORITIES).optional(),
          since: z.coerce.number().int().min(0).optional(),
          cursor: CursorSchema,
          limit: LimitSchema(30),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ data: z.array(NotificationSchema), nextCursor: z.string().nullable(), unread: z.number() }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const page = await listNotifications(c.get('db'), c.get('user').id, {
        ...q,
        unread: q.unread === 'true',
        archived: q.archived === 'true',
      })
      return c.json(page, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/notifications/read',
      tags,
      access: 'authenticated',
      summary: 'Mark notifications read (ids or "all"); the other open tabs are told at once',
      request: jsonBody(z.object({ ids: z.union([Ids, z.literal('all')]) })),
      responses: { 200: jsonResponse(Changed, 'The ids that changed'), ...problemResponses },
    }),
    async (c) => {
      const userId = c.get('user').id
      const ids = await markRead(c.get('db'), userId, c.req.valid('json').ids)
      if (ids.length) await pushToUser(c.env, userId, { type: 'read', ids }).catch(() => {})
      return c.json({ ids }, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/notifications/archive',
      tags,
      access: 'authenticated',
      summary: 'Archive notifications: ids, "read" (every read one) or "all"; synced to the other tabs',
      request: jsonBody(z.object({ ids: z.union([Ids, z.literal('all'), z.literal('read')]) })),
      responses: { 200: jsonResponse(Changed, 'The ids that changed'), ...problemResponses },
    }),
    async (c) => {
      const userId = c.get('user').id
      const ids = await archive(c.get('db'), userId, c.req.valid('json').ids)
      if (ids.length) await pushToUser(c.env, userId, { type: 'archived', ids }).catch(() => {})
      return c.json({ ids }, 200)
    },
  )
}
