// Admin operations on the event log: replay an event (after fixing a consumer, or to re-send
// webhooks). Consumers are idempotent, so a replay never doubles a notification.
import { desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { outbox } from '../db/schema.ts'
import { notFound } from '../http/problem.ts'
import { audited } from '../audit/audit.ts'
import { isUuid } from '../shared/tx.ts'
import { LimitSchema } from '../shared/query-fields.ts'

export function registerEventRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/admin/events/{id}/replay',
      tags: ['Admin'],
      access: 'settings:manage',
      summary: 'Send a stored event to the events queue again',
      request: { params: IdParam },
      responses: { 202: jsonResponse(z.object({ id: z.string(), type: z.string() }), 'Queued'), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw notFound()
      const [row] = await c.get('db').select().from(outbox).where(eq(outbox.id, id))
      if (!row) throw notFound()
      // The send is the write: last in the entry's transaction, so a refused send leaves no entry.
      await audited(c, async (_tx, audit) => {
        await audit('event.replayed', { targetType: 'event', targetId: id })
        await c.env.EVENTS_QUEUE.send(row.payload as Record<string, unknown>, { contentType: 'json' })
      })
      return c.json({ id: row.id, type: row.type }, 202)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/admin/events',
      tags: ['Admin'],
      access: 'settings:manage',
      summary: 'Recent events (outbox), newest first',
      request: {
        query: z.object({
          type: z.string().max(60).optional(),
          limit: LimitSchema(),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            data: z.array(
              z.object({
                id: z.string(),
                type: z.string(),
                createdAt: z.string(),
                dispatchedAt: z.string().nullable(),
              }),
            ),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const rows = await c
        .get('db')
        .select()
        .from(outbox)
        .where(q.type ? eq(outbox.type, q.type) : undefined)
        .orderBy(desc(outbox.createdAt))
        .limit(q.limit)
      return c.json(
        {
          data: rows.map((r) => ({
            id: r.id,
            type: r.type,
            createdAt: r.createdAt.toISOString(),
            dispatchedAt: r.dispatchedAt?.toISOString() ?? null,
          })),
        },
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/admin/events/{id}',
      tags: ['Admin'],
      access: 'settings:manage',
      summary: 'One stored event with its payload, as consumers and webhooks receive it',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.object({
            id: z.string(),
            type: z.string(),
            createdAt: z.string(),
            dispatchedAt: z.string().nullable(),
            payload: z.record(z.string(), z.unknown()),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw notFound()
      const [row] = await c.get('db').select().from(outbox).where(eq(outbox.id, id))
      if (!row) throw notFound()
      return c.json(
        {
          id: row.id,
          type: row.type,
          createdAt: row.createdAt.toISOString(),
          dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
          payload: row.payload as Record<string, unknown>,
        },
        200,
      )
    },
  )
}
