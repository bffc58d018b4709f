// The live socket: one NotificationHub per user. The upgrade is refused from another site's page
// (a WebSocket is not covered by CORS, so a cross-site page could otherwise open one with the
// user's cookie) and the hub learns the session, so signing out closes that session's sockets.
import type { Api } from '../app-env.ts'
import { problemResponses } from '../http/common-schemas.ts'
import { badRequest, forbidden } from '../http/problem.ts'
import { apiRoute } from '../http/route.ts'
import { allowedOrigins } from '../middleware/cors.ts'

export const HUB_USER_HEADER = 'x-hub-user'
export const HUB_SESSION_HEADER = 'x-hub-session'

export function registerNotificationSocket(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/notifications/ws',
      tags: ['Notifications'],
      access: 'authenticated',
      summary:
        'WebSocket: live notifications. Send {"resumeFrom": <seq>} to receive what was missed, in order; ' +
        '"ping" is answered "pong"',
      responses: {
        101: { description: 'Switching protocols' },
        426: { description: 'Upgrade required' },
        ...problemResponses,
      },
    }),
    async (c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw badRequest('Connexion WebSocket attendue.')
      const origin = c.req.header('origin')
      // Browsers always send Origin on a WebSocket; tools and servers (API tokens) may not.
      if (origin && !allowedOrigins(c).has(origin)) {
        throw forbidden('Origine non autorisée pour la connexion temps réel.')
      }
      const user = c.get('user')
      const headers = new Headers(c.req.raw.headers)
      headers.set(HUB_USER_HEADER, user.id)
      headers.set(HUB_SESSION_HEADER, user.sessionId ?? user.tokenId ?? '')
      const hub = c.env.NOTIFICATION_HUB.get(c.env.NOTIFICATION_HUB.idFromName(user.id))
      return hub.fetch(new Request(c.req.raw.url, { headers }))
    },
  )
}
