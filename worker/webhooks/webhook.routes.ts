// Paramètres → Webhooks, for admins and API tokens holding the webhooks permission. The secret is
// answered twice in an endpoint's life: at creation and at each rotation; never read back.
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { audited } from '../audit/audit.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { apiRoute } from '../http/route.ts'
import {
  createWebhook,
  deleteWebhook,
  findWebhook,
  listWebhooks,
  rotateSecret,
  toWebhookDto,
  updateWebhook,
} from './webhook.service.ts'
import { WebhookCreate, WebhookDto, WebhookUpdate, WebhookWithSecret } from './webhook.schema.ts'

const tags = ['Webhooks']

export function registerWebhookRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/webhooks',
      tags,
      access: 'webhooks:read',
      summary: 'List webhook endpoints (never their secret)',
      responses: { 200: jsonResponse(z.object({ data: z.array(WebhookDto) })), ...problemResponses },
    }),
    async (c) => c.json({ data: (await listWebhooks(c.get('db'))).map((w) => toWebhookDto(w)) }, 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/webhooks',
      tags,
      access: 'webhooks:manage',
      summary: 'Create an endpoint; the signing secret is in this answer only',
      request: jsonBody(WebhookCreate),
      responses: { 201: jsonResponse(WebhookWithSecret, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const { row, secret } = await audited(c, async (tx, audit) => {
        const created = await createWebhook(tx, c.env, c.get('user'), c.req.valid('json'))
        await audit('webhook.created', {
          targetType: 'webhook',
          targetId: created.row.id,
          details: { url: created.row.url },
        })
        return created
      })
      return c.json({ ...toWebhookDto(row), secret }, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/webhooks/{id}',
      tags,
      access: 'webhooks:read',
      summary: 'Read an endpoint (without its secret)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(WebhookDto), ...problemResponses },
    }),
    async (c) => c.json(toWebhookDto(await findWebhook(c.get('db'), c.req.valid('param').id)), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/webhooks/{id}',
      tags,
      access: 'webhooks:manage',
      summary: 'Edit an endpoint; re-enabling answers `missedSince`, where a replay would start',
      request: { params: IdParam, ...jsonBody(WebhookUpdate) },
      responses: { 200: jsonResponse(WebhookDto), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const { row, missedSince } = await audited(c, async (tx, audit) => {
        const updated = await updateWebhook(tx, c.env, id, input)
        await audit('webhook.updated', { targetType: 'webhook', targetId: id, details: { ...input } })
        return updated
      })
      return c.json({ ...toWebhookDto(row), missedSince: missedSince ?? toWebhookDto(row).missedSince }, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/webhooks/{id}',
      tags,
      access: 'webhooks:manage',
      summary: 'Delete an endpoint and its delivery log',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await audited(c, async (tx, audit) => {
        const row = await deleteWebhook(tx, c.req.valid('param').id)
        await audit('webhook.deleted', { targetType: 'webhook', targetId: row.id, details: { url: row.url } })
      })
      return c.body(null, 204)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/webhooks/{id}/rotate',
      tags,
      access: 'webhooks:manage',
      summary: 'New signing secret (in this answer only); the old one also signs for 24 hours',
      request: { params: IdParam },
      responses: { 200: jsonResponse(WebhookWithSecret), ...problemResponses },
    }),
    async (c) => {
      const { row, secret } = await audited(c, async (tx, audit) => {
        const rotated = await rotateSecret(tx, c.env, c.req.valid('param').id)
        await audit('webhook.secret_rotated', { targetType: 'webhook', targetId: rotated.row.id })
        return rotated
      })
      return c.json({ ...toWebhookDto(row), secret }, 200)
    },
  )
}
