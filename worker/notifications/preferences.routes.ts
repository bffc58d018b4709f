import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { apiRoute } from '../http/route.ts'
import { getPreferences, updatePreferences } from './preferences.service.ts'

const tags = ['Notifications']
const Preferences = z.object({
  emailDigest: z.boolean(),
  types: z.array(
    z.object({
      type: z.string(),
      label: z.string(),
      priority: z.string(),
      switchable: z.boolean(),
      inApp: z.boolean(),
      email: z.boolean(),
    }),
  ),
})
const PreferencesUpdate = z
  .object({
    emailDigest: z.boolean().optional(),
    types: z
      .array(z.object({ type: z.string().max(60), inApp: z.boolean().optional(), email: z.boolean().optional() }))
      .max(100)
      .optional(),
  })
  .strict()

export function registerNotificationPreferenceRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/notifications/preferences',
      tags,
      access: 'authenticated',
      summary: "The caller's notification preferences: per type in-app and e-mail, and the daily digest",
      responses: { 200: jsonResponse(Preferences), ...problemResponses },
    }),
    async (c) => c.json(await getPreferences(c.get('db'), c.get('user').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'put',
      path: '/v1/notifications/preferences',
      tags,
      access: 'authenticated',
      summary: 'Change notification preferences (security notices cannot be switched off)',
      request: jsonBody(PreferencesUpdate),
      responses: { 200: jsonResponse(Preferences), ...problemResponses },
    }),
    async (c) => c.json(await updatePreferences(c.get('db'), c.get('user').id, c.req.valid('json')), 200),
  )
}
