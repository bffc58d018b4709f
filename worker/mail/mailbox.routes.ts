// The development mailbox: mails the app "sent" in a local run, newest first. It exists only when
// DEV_MAILBOX=on (the local dev server's setting, never a deployment's), and only admins read it:
// every reset link is in there, so a public mailbox was an account takeover on any staging.
import { desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { mails } from '../db/schema.ts'
import { notFound } from '../http/problem.ts'
import { devMailboxEnabled } from './mailer.ts'
import { LimitSchema } from '../shared/query-fields.ts'

const MailDto = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
})

export function registerMailboxRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/dev/mails',
      tags: ['Development'],
      access: 'users:manage',
      summary: 'Development mailbox (local runs only, admins)',
      request: {
        query: z.object({
          to: z.string().max(254).optional(),
          limit: LimitSchema(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ data: z.array(MailDto) })), ...problemResponses },
    }),
    async (c) => {
      if (!devMailboxEnabled(c.env)) throw notFound()
      const { to, limit } = c.req.valid('query')
      const rows = await c
        .get('db')
        .select()
        .from(mails)
        .where(to ? eq(mails.to, to.toLowerCase()) : undefined)
        .orderBy(desc(mails.createdAt))
        .limit(limit)
      return c.json({ data: rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }, 200)
    },
  )
}
