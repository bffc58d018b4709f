// The WEBHOOKS queue consumer inside workerd, called with rising attempt counts as the queue
// would, against a real HTTP receiver (tests/setup/webhook-receiver-global.ts). Signatures are
// checked with the official `standardwebhooks` package.
import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { Webhook } from 'standardwebhooks'
import { describe, expect, test } from 'vitest'
import { withDb } from '../../worker/db/client.ts'
import type { DomainEvent } from '../../worker/events/event-types.ts'
import { emitEvent } from '../../worker/events/outbox.ts'
import { handleQueue } from '../../worker/queues.ts'
import { handleScheduled } from '../../worker/scheduled.ts'
import { recordWebhookMessages, type WebhookJob } from '../../worker/webhooks/fan-out.ts'
import { RETRY_SCHEDULE_SECONDS } from '../../worker/webhooks/retry-schedule.ts'
import { createWebhook } from '../../worker/webhooks/webhook.service.ts'
import { purgeWebhookLog } from '../../worker/webhooks/webhooks.cron.ts'
import { HANDOFF_MS } from '../../worker/webhooks/webhooks.consumer.ts'
import { allowConsoleError } from '../setup/fail-on-console-error.ts'

const e = env
const receiverUrl = (path: string) => `${e.WEBHOOK_RECEIVER_URL}${path}`
let n = 0
const freshPath = (label: string) => `/${label}-${Date.now().toString(36)}-${++n}`

type Received = { headers: Record<string, string>; body: string; status: number }
const answer = (path: string, status: number, headers?: Record<string, string>) =>
  fetch(receiverUrl('/__control/answer'), { method: 'POST', body: JSON.stringify({ path, status, headers }) })
const received = async (path: string) =>
  (await (await fetch(receiverUrl(`/__control/received?path=${encodeURIComponent(path)}`))).json()) as Received[]

const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  withDb(e, async (db) => (await db.execute(query)).rows as T[])

async function hookAt(path: string, events = ['organisation.created']) {
  return withDb(e, (db) => createWebhook(db, e, null, { url: receiverUrl(path), events }))
}

function orgEvent(): DomainEvent {
  const id = crypto.randomUUID()
  return {
    id: crypto.randomUUID(),
    type: 'organisation.created',
    occurredAt: new Date().toISOString(),
    actor: null,
    data: { organisation: { id, name: `Org ${id.slice(0, 8)}`, updatedAt: new Date().toISOString() } },
  }
}

// Records the event's messages for every subscribed endpoint; keeps those of one endpoint.
async function messagesFor(hookId: string, events: DomainEvent[]) {
  const jobs: WebhookJob[] = []
  for (const event of events) jobs.push(...(await withDb(e, (db) => recordWebhookMessages(db, event))))
  const mine = await q<{ id: string }>(
    sql`select id from webhook_messages where webhook_id = ${hookId} order by created_at`,
  )
  return jobs.filter((j) => mine.some((m) => m.id === j.messageId))
}

async function consume(bodies: unknown[]) {
  const batch = createMessageBatch(
    'crm-webhooks',
    bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body })),
  )
  const ctx = createExecutionContext()
  await handleQueue(batch, e)
  return getQueueResult(batch, ctx)
}

// Time passes: the next attempt is due now.
const makeDue = (hookId: string) =>
  q(sql`update webhook_messages set next_attempt_at = now() where webhook_id = ${hookId} and status = 'pending'`)

describe('webhook retries', () => {
  test(
    'a receiver down then up: attempts follow the schedule ' + 'and every event arrives exactly once by webhook-id',
    async () => {
      const path = freshPath('down-up')
      await answer(path, 503)
      const { row: hook, secret } = await hookAt(path)
      const events = [orgEvent(), orgEvent(), orgEvent()]
      const jobs = await messagesFor(hook.id, events)
      expect(jobs).toHaveLength(3)

      for (let attempt = 1; attempt <= 4; attempt++) {
        const result = await consume(jobs.map((j) => ({ ...j, attempt })))
        expect(result.explicitAcks).toHaveLength(3)
        const rows = await q<{ status: string; response_status: number; wait: number }>(sql`
        select status, response_status, extract(epoch from next_retry_at - created_at)::float as wait
        from webhook_deliveries where webhook_id = ${hook.id} and attempt = ${attempt}`)
        expect(rows).toHaveLength(3)
        for (const r of rows) {
          expect(r).toMatchObject({ status: 'failed', response_status: 503 })
          // The spec's schedule with ±10 % jitter: 5 s, 5 min, 30 min, 2 h after attempts 1 to 4.
          expect(r.wait).toBeGreaterThanOrEqual(RETRY_SCHEDULE_SECONDS[attempt]! * 0.9 - 0.01)
          expect(r.wait).toBeLessThanOrEqual(RETRY_SCHEDULE_SECONDS[attempt]! * 1.1 + 0.01)
        }
        await makeDue(hook.id)
      }

      await answer(path, 200)
      await consume(jobs.map((j) => ({ ...j, attempt: 5 })))
      // Duplicates of the last message and a stale one change nothing.
      await consume(jobs.map((j) => ({ ...j, attempt: 5 })))
      await consume(jobs.map((j) => ({ ...j, attempt: 3 })))

      const got = await received(path)
      expect(got).toHaveLength(15)
      const delivered = got.filter((r) => r.status === 200)
      expect(delivered.map((r) => r.headers['webhook-id']).sort()).toEqual(events.map((ev) => ev.id).sort())
      for (const r of got) expect(new Webhook(secret).verify(r.body, r.headers)).toBeTruthy()
      const states = await q<{ status: string; attempts: number }>(
        sql`select status, attempts from webhook_messages where webhook_id = ${hook.id}`,
      )
      expect(states).toEqual(Array(3).fill({ status: 'succeeded', attempts: 5 }))
    },
  )

  test(
    'the tenth attempt failing marks the delivery failed ' + 'for good and sends it to the dead-letter queue',
    async () => {
      allowConsoleError() // the dead-letter consumer logs at error level so that alerts fire
      const path = freshPath('always-down')
      await answer(path, 500)
      const { row: hook } = await hookAt(path)
      const [job] = await messagesFor(hook.id, [orgEvent()])
      await q(sql`update webhook_messages set attempts = 9 where id = ${job!.messageId}`)
      await consume([{ ...job, attempt: 10 }])
      const [message] = await q<{ status: string }>(
        sql`select status from webhook_messages where id = ${job!.messageId}`,
      )
      expect(message!.status).toBe('failed')
      const [last] = await q<{ next_retry_at: string | null }>(
        sql`select next_retry_at from webhook_deliveries where message_id = ${job!.messageId}`,
      )
      expect(last!.next_retry_at).toBeNull()
      const dead = await eventually(async () => {
        const rows = await q(sql`select 1 from audit_log where action = 'queue.dead_letter'
        and target_type = 'crm-webhooks-dlq' and details::text like ${`%${job!.messageId}%`}`)
        return rows.length > 0
      })
      expect(dead).toBe(true)
    },
  )

  test('an endpoint failing for five days without a success is disabled and the admins are told', async () => {
    const path = freshPath('dead-for-days')
    await answer(path, 500)
    const { row: hook } = await hookAt(path)
    await q(sql`update webhooks set failing_since = now() - interval '5 days 1 minute' where id = ${hook.id}`)
    const [job] = await messagesFor(hook.id, [orgEvent()])
    await consume([job])
    const [after] = await q<{ is_active: boolean; disabled_reason: string }>(
      sql`select is_active, disabled_reason from webhooks where id = ${hook.id}`,
    )
    expect(after).toEqual({ is_active: false, disabled_reason: 'failing' })
    const notified = await q<{ email: string }>(sql`select u.email from notifications n join users u on u.id = n.user_id
      where n.link = ${`/admin/webhooks/${hook.id}`}`)
    expect(notified.map((r) => r.email)).toContain('admin@demo.crm')
  })
})

describe('nothing is lost, nothing fails the batch', () => {
  test('a crash between the commit and the queue send loses nothing: the minute sweep delivers', async () => {
    const path = freshPath('after-crash')
    await answer(path, 200)
    const { row: hook, secret } = await hookAt(path)
    // The write committed its event, then the Worker died before handing it to the queue.
    const event = await withDb(e, (db) =>
      db.transaction((tx) => emitEvent(tx, 'organisation.created', null, orgEvent().data)),
    )
    // And an event already fanned out whose WEBHOOKS message was never sent.
    const lost = orgEvent()
    await messagesFor(hook.id, [lost])
    await q(sql`update webhook_messages set next_attempt_at = now() - interval '2 minutes' where event_id = ${lost.id}`)

    await handleScheduled({ cron: '* * * * *', scheduledTime: Date.now(), noRetry() {} }, e)
    const got = await eventually(async () => {
      const list = await received(path)
      return list.length >= 2 && list
    })
    expect(got.map((r) => r.headers['webhook-id']).sort()).toEqual([event.id, lost.id].sort())
    for (const r of got) new Webhook(secret).verify(r.body, r.headers)
  }, 30_000)

  test('a malformed message, a vanished one and an unreadable secret do not stop the others in the batch', async () => {
    allowConsoleError()
    const path = freshPath('healthy')
    await answer(path, 200)
    const { row: hook } = await hookAt(path)
    const { row: broken } = await hookAt(freshPath('broken'))
    await q(sql`update webhooks set secret = 'not-sealed' where id = ${broken.id}`)
    const event = orgEvent()
    const jobs = await withDb(e, (db) => recordWebhookMessages(db, event))
    const ours = await q<{ id: string; webhook_id: string }>(
      sql`select id, webhook_id from webhook_messages where event_id = ${event.id} and webhook_id in (${hook.id},
        ${broken.id})`,
    )
    const result = await consume([
      { hello: 'world' },
      { messageId: crypto.randomUUID(), attempt: 1 },
      ...jobs.filter((j) => ours.some((o) => o.id === j.messageId)),
    ])
    const brokenMessage = ours.find((o) => o.webhook_id === broken.id)!
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toHaveLength(1)
    expect(result.explicitAcks).toHaveLength(3)
    expect((await received(path)).map((r) => r.headers['webhook-id'])).toEqual([event.id])
    // The broken one is left to its retry (and, if the queue message is lost, to the sweep).
    const [state] = await q<{ status: string }>(sql`select status from webhook_messages where id = ${brokenMessage.id}`)
    expect(state!.status).toBe('pending')
    // Its queued retry would fail again in the background: the endpoint goes, its messages with it.
    await q(sql`delete from webhooks where id = ${broken.id}`)
  })

  test('a batch does not wait for a slow endpoint: the fast one is delivered and the handler returns at the ' +
    'hand-off; the slow attempt completes in the background, recorded once', async () => {
    const slowPath = freshPath('slow')
    const fastPath = freshPath('fast')
    const slowMs = HANDOFF_MS + 4000
    await fetch(receiverUrl('/__control/answer'), {
      method: 'POST',
      body: JSON.stringify({ path: slowPath, status: 200, delayMs: slowMs }),
    })
    await answer(fastPath, 200)
    const { row: slow } = await hookAt(slowPath)
    const { row: fast } = await hookAt(fastPath)
    const event = orgEvent()
    const jobs = await withDb(e, (db) => recordWebhookMessages(db, event))
    const ours = await q<{ id: string; webhook_id: string }>(
      sql`select id, webhook_id from webhook_messages where event_id = ${event.id} and webhook_id in (${slow.id},
        ${fast.id})`,
    )
    const batch = createMessageBatch(
      'crm-webhooks',
      jobs
        .filter((j) => ours.some((o) => o.id === j.messageId))
        .map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body })),
    )
    const stateOf = async (hookId: string) =>
      (
        await q<{ status: string }>(
          sql`select status from webhook_messages where event_id = ${event.id} and webhook_id = ${hookId}`,
        )
      )[0]!.status
    const ctx = createExecutionContext()
    const started = Date.now()
    await handleQueue(batch, e, ctx)
    const returnedAfter = Date.now() - started
    expect(returnedAfter).toBeGreaterThanOrEqual(HANDOFF_MS - 100)
    expect(returnedAfter).toBeLessThan(slowMs)
    // Still being answered: claimed (locked), not yet recorded; its queue message is acked.
    expect(await stateOf(slow.id)).toBe('pending')
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks).toHaveLength(2)
    expect(result.retryMessages).toHaveLength(0)
    await waitOnExecutionContext(ctx)
    expect(await stateOf(slow.id)).toBe('succeeded')
    expect(await stateOf(fast.id)).toBe('succeeded')
    expect((await received(fastPath)).map((r) => r.headers['webhook-id'])).toEqual([event.id])
    const attempts = await q<{ status: string }>(
      sql`select status from webhook_deliveries where event_id = ${event.id} and webhook_id = ${slow.id}`,
    )
    expect(attempts).toEqual([{ status: 'succeeded' }])
    expect(await received(slowPath)).toHaveLength(1)
  }, 30_000)

  test('a message that arrives before its time (waits past 12 h hop) sends nothing', async () => {
    const path = freshPath('not-yet')
    await answer(path, 200)
    const { row: hook } = await hookAt(path)
    const [job] = await messagesFor(hook.id, [orgEvent()])
    await q(sql`update webhook_messages set attempts = 7, next_attempt_at = now() + interval '20 hours'
      where id = ${job!.messageId}`)
    const result = await consume([{ ...job, attempt: 8 }])
    expect(result.explicitAcks).toHaveLength(1)
    expect(await received(path)).toHaveLength(0)
    const [row] = await q<{ attempts: number; status: string }>(
      sql`select attempts, status from webhook_messages where id = ${job!.messageId}`,
    )
    expect(row).toEqual({ attempts: 7, status: 'pending' })
  })

  test('the daily purge keeps 30 days of delivery log', async () => {
    const { row: hook } = await hookAt(freshPath('old-log'))
    const [oldJob, newJob] = await messagesFor(hook.id, [orgEvent(), orgEvent()])
    await q(sql`update webhook_messages set status = 'succeeded', created_at = now() - interval '31 days'
      where id = ${oldJob!.messageId}`)
    await q(sql`update webhook_messages set status = 'succeeded' where id = ${newJob!.messageId}`)
    await withDb(e, (db) => purgeWebhookLog(db))
    const left = await q<{ id: string }>(sql`select id from webhook_messages where webhook_id = ${hook.id}`)
    expect(left.map((r) => r.id)).toEqual([newJob!.messageId])
  })
})

async function eventually<T>(fn: () => Promise<T | false | undefined>, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 200))
  }
}
