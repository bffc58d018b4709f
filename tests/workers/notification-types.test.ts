// Every catalogue type: what triggers it, who receives it, and that no recipient is told of a
// record outside their scope. Runs inside workerd against the seeded database.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import { type Db, withDb } from '../../worker/db/client.ts'
import { mandates, organisations } from '../../worker/db/schema.ts'
import type { DomainEvent, EventType } from '../../worker/events/event-types.ts'
import { NOTIFICATION_TYPES, notifyAdmins, notifyUser } from '../../worker/notifications/catalogue.ts'
import { notifyTimeBased, PER_USER_PER_RUN } from '../../worker/notifications/time-based.cron.ts'
import { mandateScope, organisationScope } from '../../worker/permissions/scope.ts'
import { handleQueue } from '../../worker/queues.ts'

const e = env
const started = new Date()
type U = { id: string; email: string; role: AuthUser['role']; team_id: string | null }
const db = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn)

async function demoUsers() {
  const rows = await db(async (d) => (await d.execute<U>(sql`select id, email, role, team_id from users`)).rows)
  return Object.fromEntries(rows.map((u) => [u.email.split('@')[0]!, u])) as Record<string, U>
}

async function deliver(type: EventType, actor: U | null, data: Record<string, unknown>) {
  const event: DomainEvent = {
    id: crypto.randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    actor: actor ? { id: actor.id, email: actor.email } : null,
    data,
  }
  const batch = createMessageBatch('crm-events', [{ id: event.id, timestamp: new Date(), attempts: 1, body: event }])
  await handleQueue(batch, e)
  expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1)
  return event.id
}

// Recipients' e-mail prefixes of the notifications matching `where`, sorted.
const recipients = (where: ReturnType<typeof sql>) =>
  db(async (d) =>
    (
      await d.execute<{ who: string }>(sql`select split_part(u.email, '@', 1) as who
        from notifications n join users u on u.id = n.user_id where ${where} order by 1`)
    ).rows.map((r) => r.who),
  )
const ofEvent = (id: string) => recipients(sql`n.event_id = ${id}`)
const ofKey = (type: string, recordId: string) =>
  recipients(sql`n.type = ${type} and n.dedupe_key like ${`%${recordId}%`}`)

async function orgOf(email: string) {
  return db(async (d) => {
    const [o] = (
      await d.execute<{ id: string; name: string; owner_id: string; team_id: string }>(sql`select o.id, o.name,
        o.owner_id, o.team_id from organisations o join users u on u.id = o.owner_id
        where u.email = ${email} and o.deleted_at is null order by o.created_at limit 1`)
    ).rows
    return o!
  })
}
const orgRef = (o: { id: string; name: string; owner_id: string; team_id: string }) => ({
  id: o.id,
  name: o.name,
  ownerId: o.owner_id,
  teamId: o.team_id,
})

describe('event-driven types reach the record’s readers, never the actor', () => {
  test('organisation.created goes to the owner and the team managers, not to the creator', async () => {
    const u = await demoUsers()
    const org = await orgOf('sales@demo.crm')
    expect(await ofEvent(await deliver('organisation.created', u.manager!, { organisation: orgRef(org) }))).toEqual([
      'sales',
    ])
    expect(await ofEvent(await deliver('organisation.created', null, { organisation: orgRef(org) }))).toEqual([
      'manager',
      'sales',
    ])
  })

  test(
    'organisation.stage_changed goes to the owner and managers; entering SIGNE becomes organisation.signed for ' +
      'the team readers',
    async () => {
      const u = await demoUsers()
      const org = await orgOf('sales@demo.crm')
      const moved = await deliver('organisation.stage_changed', u.sales!, {
        organisation: orgRef(org),
        from: 'PROSPECT',
        to: 'QUALIFICATION',
      })
      expect(await ofEvent(moved)).toEqual(['manager'])
      const signed = await deliver('organisation.stage_changed', u.sales!, {
        organisation: orgRef(org),
        from: 'PROPOSITION',
        to: 'SIGNE',
      })
      expect(await ofEvent(signed)).toEqual(['manager', 'viewer'])
      const types = await db(
        async (d) =>
          (await d.execute<{ type: string }>(sql`select distinct type from notifications where event_id = ${signed}`))
            .rows,
      )
      expect(types).toEqual([{ type: 'organisation.signed' }])
    },
  )

  test('task.assigned goes to the assignee only, and not when they assigned it to themselves', async () => {
    const u = await demoUsers()
    const org = await orgOf('sales@demo.crm')
    const task = { id: crypto.randomUUID(), title: 'Rappeler', assigneeId: u.sales!.id, organisationId: org.id }
    expect(await ofEvent(await deliver('task.assigned', u.manager!, { task }))).toEqual(['sales'])
    expect(await ofEvent(await deliver('task.created', u.sales!, { task }))).toEqual([])
  })

  test('mandat.signed goes to the owner and the team’s managers and viewers, linking to /mandates/{id}', async () => {
    const u = await demoUsers()
    const m = await db(async (d) => (await d.select().from(mandates).limit(1))[0]!)
    const id = await deliver('mandat.signed', u.admin!, {
      mandate: { id: m.id, number: m.number, organisationName: 'X', ownerId: m.ownerId, teamId: m.teamId },
    })
    const rows = await db(
      async (d) => (await d.execute<{ link: string }>(sql`select link from notifications where event_id = ${id}`)).rows,
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) expect(r.link).toBe(`/mandates/${m.id}`)
  })
})

describe('live dashboards', () => {
  test('the record’s other watchers (admins here) are told it changed, without a notification', async () => {
    const u = await demoUsers()
    const hub = e.NOTIFICATION_HUB.get(e.NOTIFICATION_HUB.idFromName(u.admin!.id))
    const res = await hub.fetch('https://hub/ws', { headers: { upgrade: 'websocket', 'x-hub-user': u.admin!.id } })
    const ws = res.webSocket!
    ws.accept()
    const messages: { type: string; event?: string }[] = []
    ws.addEventListener('message', (m) => messages.push(JSON.parse(String(m.data))))
    const org = await orgOf('sales@demo.crm')
    const id = await deliver('organisation.updated', u.sales!, { organisation: orgRef(org), changes: {} })
    const end = Date.now() + 5000
    while (!messages.some((m) => m.type === 'changed') && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
    expect(messages.find((m) => m.type === 'changed')).toEqual({ type: 'changed', event: 'organisation.updated' })
    expect(await ofEvent(id)).toEqual([])
    ws.close()
  })
})

describe('time-based types come from the daily run, once per record and period', () => {
  const ids: Record<string, string> = {}
  const days = (n: number) => sql`now() - make_interval(days => ${n})`
  // Runs until a run finds nothing new: the demo data may hold more alerts than one run sends.
  const drain = async (d: Db) => {
    while (Object.values(await notifyTimeBased(d, e)).some((n) => n > 0));
  }

  test('each rule notifies the right people for a record that meets it', async () => {
    const u = await demoUsers()
    const paris = u.sales!.team_id
    await db(async (d) => {
      const org = async (name: string, stage: string, changed: number, contact: number) =>
        (
          await d.execute<{ id: string }>(sql`insert into organisations (name, type, pipeline_stage, owner_id, team_id,
            stage_changed_at, last_contact_at) values (${name}, 'INVESTISSEUR', ${stage}, ${u.sales!.id}, ${paris},
            ${days(changed)}, ${days(contact)}) returning id`)
        ).rows[0]!.id
      ids.stale = await org('Bloquée', 'QUALIFICATION', 40, 1)
      ids.proposal = await org('Offre ancienne', 'PROPOSITION', 20, 1)
      ids.cold = await org('Froide', 'PROSPECT', 1, 20)
      const task = async (title: string, due: ReturnType<typeof sql>) =>
        (
          await d.execute<{ id: string }>(sql`insert into tasks (title, due_at, assignee_id, created_by, team_id,
            organisation_id) values (${title}, ${due}, ${u.sales!.id}, ${u.manager!.id}, ${paris}, ${ids.cold})
            returning id`)
        ).rows[0]!.id
      ids.dueSoon = await task('Bientôt', sql`now() + interval '12 hours'`)
      ids.overdue = await task('En retard', sql`now() - interval '2 days'`)
      ids.mandate = (
        await d.execute<{ id: string }>(sql`insert into mandates (number, organisation_id, status, end_date, owner_id,
          team_id) values (${`M-T-${Date.now()}`}, ${ids.cold}, 'ACTIF', current_date + 10, ${u.sales!.id}, ${paris})
          returning id`)
      ).rows[0]!.id
      await drain(d)
    })
    expect(await ofKey('task.due_soon', ids.dueSoon!)).toEqual(['sales'])
    expect(await ofKey('task.overdue', ids.overdue!)).toEqual(['sales'])
    expect(await ofKey('organisation.stale', ids.stale!)).toEqual(['manager'])
    expect(await ofKey('proposal.stale', ids.proposal!)).toEqual(['sales'])
    expect(await ofKey('contact.cold', ids.cold!)).toEqual(['sales'])
    expect(await ofKey('mandat.ending', ids.mandate!)).toEqual(['manager', 'sales'])
  })

  test(
    'running again the same day notifies nothing new; a ' + 'week later only what is still true and repeatable',
    async () => {
      const count = () =>
        db(async (d) => (await d.execute<{ n: number }>(sql`select count(*)::int n from notifications`)).rows[0]!.n)
      const before = await count()
      await db((d) => notifyTimeBased(d, e))
      expect(await count()).toBe(before)

      await db(async (d) => {
        await d.execute(sql`update notification_marks set notified_at = now() - interval '8 days'`)
        await d.execute(sql`update tasks set status = 'DONE' where id = ${ids.overdue}`)
        await notifyTimeBased(d, e)
      })
      expect(await ofKey('organisation.stale', ids.stale!)).toEqual(['manager', 'manager'])
      expect(await ofKey('contact.cold', ids.cold!)).toEqual(['sales', 'sales'])
      expect(await ofKey('task.overdue', ids.overdue!)).toEqual(['sales']) // done since: not repeated
      expect(await ofKey('task.due_soon', ids.dueSoon!)).toEqual(['sales']) // once per due date
      expect(await ofKey('mandat.ending', ids.mandate!)).toEqual(['manager', 'sales']) // once per end date
    },
  )

  test(
    [
      `one run sends a person at most ${PER_USER_PER_RUN} alerts of a type;`,
      'the next run sends the rest, each once',
    ].join(' '),
    async () => {
      const u = await demoUsers()
      const extra = PER_USER_PER_RUN + 10
      const run = `Bloquée en lot ${Date.now()}`
      await db((d) => drain(d))
      const stale = await db(
        async (d) =>
          (
            await d.execute<{
              id: string
            }>(sql`insert into organisations (name, type, pipeline_stage, owner_id, team_id,
            stage_changed_at) select ${run} || ' ' || g, 'INVESTISSEUR', 'QUALIFICATION', ${u.sales!.id},
            ${u.manager!.team_id}, now() - interval '40 days' from generate_series(1, ${extra}) g returning id`)
          ).rows,
      )
      const toManager = () =>
        db(
          async (d) =>
            (
              await d.execute<{ n: number }>(sql`select count(*)::int n from notifications
              where user_id = ${u.manager!.id} and type = 'organisation.stale' and message like ${`%${run}%`}`)
            ).rows[0]!.n,
        )
      await db((d) => notifyTimeBased(d, e))
      expect(await toManager()).toBe(PER_USER_PER_RUN)
      await db((d) => drain(d))
      expect(await toManager()).toBe(extra)
      for (const { id } of stale.slice(0, 3)) expect(await ofKey('organisation.stale', id)).toEqual(['manager'])
    },
  )
})

describe('types raised by other features through notifyUser', () => {
  test('imports, exports, webhooks (admins) and security notices are stored with their template and link', async () => {
    const u = await demoUsers()
    const webhookId = crypto.randomUUID()
    await db(async (d) => {
      await notifyUser(d, e, u.sales!.id, 'import.completed', { importId: 'i1', fileName: 'a.csv', created: 3 })
      await notifyUser(d, e, u.sales!.id, 'import.failed', { importId: 'i2', fileName: 'b.csv', reason: 'Vide' })
      await notifyUser(d, e, u.sales!.id, 'export.ready', {
        exportId: 'x',
        fileName: 'c.xlsx',
        downloadUrl: '/api/v1/exports/x/file',
      })
      await notifyAdmins(d, e, 'webhook.endpoint_disabled', { webhookId, url: 'https://h.example', failures: 5 })
      await notifyUser(d, e, u.sales!.id, 'security.new_device', { device: 'Firefox sur Linux' })
      await notifyUser(d, e, u.sales!.id, 'security.password_changed', {})
      await notifyUser(d, e, u.sales!.id, 'security.account_locked', {})
    })
    // Its own endpoint id: the webhooks consumer's tests disable endpoints in the same database.
    expect(
      await recipients(sql`n.type = 'webhook.endpoint_disabled' and n.link = ${`/admin/webhooks/${webhookId}`}`),
    ).toEqual(['admin'])
    const failed = await db(
      async (d) =>
        (await d.execute<{ link: string }>(sql`select link from notifications where type = 'import.failed'`)).rows,
    )
    expect(failed[0]!.link).toBe('/imports/i2')
  })
})

describe('scope', () => {
  test(
    'every catalogue type was triggered above, ' + 'and each notification about a record is readable by its recipient',
    async () => {
      const u = await demoUsers()
      const byId = new Map(Object.values(u).map((x) => [x.id, x]))
      const rows = await db(
        async (d) =>
          (
            await d.execute<{ user_id: string; type: string; link: string | null }>(
              sql`select user_id, type, link from notifications where created_at >= ${started.toISOString()}`,
            )
          ).rows,
      )
      expect(new Set(rows.map((r) => r.type))).toEqual(new Set(NOTIFICATION_TYPES))
      // And each notification about a record is readable by its recipient under the scope rules.
      await db(async (d) => {
        for (const r of rows) {
          const user = byId.get(r.user_id)!
          const auth = { id: user.id, role: user.role, teamId: user.team_id } as AuthUser
          const org = r.link?.match(/^\/organisations\/([0-9a-f-]{36})/)?.[1]
          const mandate = r.link?.match(/^\/mandates\/([0-9a-f-]{36})/)?.[1]
          if (org) {
            const seen = await d
              .select({ id: organisations.id })
              .from(organisations)
              .where(and(eq(organisations.id, org), organisationScope(auth)))
            expect(seen, `${r.type} to ${user.email}`).toHaveLength(1)
          }
          if (mandate) {
            const seen = await d
              .select({ id: mandates.id })
              .from(mandates)
              .where(and(eq(mandates.id, mandate), mandateScope(auth)))
            expect(seen, `${r.type} to ${user.email}`).toHaveLength(1)
          }
        }
      })
    },
  )
})
