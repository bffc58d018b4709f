// An endpoint's delivery log, its test event, and sending again (one delivery, or since a date).
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { apiRoute } from '../http/route.ts'
import { listDeliveries, redeliver, replaySince, sendTestEvent } from './delivery-log.service.ts'
import { DeliveryDto, DeliveryQuery, ReplayBody, TestOutcome } from './webhook.schema.ts'
import { findWebhook } from './webhook.service.ts'

const tags = ['Webhooks']

export function registerWebhookDeliveryRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/webhooks/{id}/test',
      tags,
      access: 'webhooks:manage',
      summary: 'Send a webhook.test event now and answer the attempt’s outcome',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TestOutcome), ...problemResponses },
    }),
    async (c) => {
      const hook = await findWebhook(c.get('db'), c.req.valid('param').id)
      return c.json(await sendTestEvent(c.get('db'), c.env, hook, c.get('user')), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/webhooks/{id}/deliveries',
      tags,
      access: 'webhooks:read',
      summary: 'Delivery log (one row per attempt), newest first; kept 30 days',
      request: { params: IdParam, query: DeliveryQuery },
      responses: { 200: jsonResponse(page(DeliveryDto)), ...problemResponses },
    }),
    async (c) => c.json(await listDeliveries(c.get('db'), c.req.valid('param').id, c.req.valid('query')), 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/webhooks/deliveries/{id}/redeliver',
      tags,
      access: 'webhooks:manage',
      summary: 'Send a delivery’s event again (same webhook-id)',
      request: { params: IdParam },
      responses: {
        202: jsonResponse(z.object({ messageId: z.string(), eventId: z.string() }), 'Queued'),
        409: problemResponses[400],
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const queued = await redeliver(c.get('db'), c.env, id, (tx) =>
        audit(c, 'webhook.redelivered', { targetType: 'webhook_delivery', targetId: id }, tx),
      )
      return c.json(queued, 202)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/webhooks/{id}/replay',
      tags,
      access: 'webhooks:manage',
      summary: 'Send again every event since a date that the endpoint did not receive',
      request: { params: IdParam, ...jsonBody(ReplayBody) },
      responses: {
        202: jsonResponse(z.object({ queued: z.number() }), 'Queued'),
        409: problemResponses[400],
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { since } = c.req.valid('json')
      const result = await replaySince(c.get('db'), c.env, id, new Date(since), (tx, result) =>
        audit(c, 'webhook.replayed', { targetType: 'webhook', targetId: id, details: { since, ...result } }, tx),
      )
      return c.json(result, 202)
    },
  )
}
