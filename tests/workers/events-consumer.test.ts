import { createMessageBatch, env, getQueueResult, createExecutionContext } from 'cloudflare:test'
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { handleQueue } from '../../worker/queues.ts'
import { withDb } from '../../worker/db/client.ts'
import type { DomainEvent } from '../../worker/events/event-types.ts'
import { allowConsoleError } from '../setup/fail-on-console-error.ts'

const e = env

async function orgAndManager() {
  return withDb(e, async (db) => {
    const rows = await db.execute<{ id: string; name: string; owner_id: string; team_id: string }>(
      sql`select o.id, o.name, o.owner_id, o.team_id from organisations o join users u on u.id = o.owner_id
        where u.email = 'sales@demo.crm' limit 1`,
    )
    return rows.rows[0]!
  })
}

const countFor = (eventId: string) =>
  withDb(
    e,
    async (db) =>
      (await db.execute<{ n: number }>(sql`select count(*)::int n from notifications where event_id = ${eventId}`))
        .rows[0]!.n,
  )

function eventFor(org: { id: string; name: string; owner_id: string; team_id: string }): DomainEvent {
  return {
    id: crypto.randomUUID(),
    type: 'organisation.created',
    occurredAt: new Date().toISOString(),
    actor: null,
    data: { organisation: { id: org.id, name: org.name, ownerId: org.owner_id, teamId: org.team_id } },
  }
}

async function deliver(event: DomainEvent) {
  const batch = createMessageBatch('crm-events', [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: event },
  ])
  const ctx = createExecutionContext()
  await handleQueue(batch, e)
  return getQueueResult(batch, ctx)
}

describe('events queue consumer', () => {
  test('an organisation.created event notifies its owner and the team managers, then is acknowledged', async () => {
    const org = await orgAndManager()
    const event = eventFor(org)
    const result = await deliver(event)
    expect(result.explicitAcks).toHaveLength(1)
    // Owner (sales) and the manager of team Paris.
    expect(await countFor(event.id)).toBe(2)
  })

  test('the same event delivered twice is acknowledged and notifies nobody twice', async () => {
    const org = await orgAndManager()
    const event = eventFor(org)
    await deliver(event)
    const again = await deliver(event)
    expect(again.explicitAcks).toHaveLength(1)
    expect(again.retryMessages).toHaveLength(0)
    expect(await countFor(event.id)).toBe(2)
  })

  test('a malformed message is acknowledged and dropped instead of retried forever', async () => {
    allowConsoleError()
    const batch = createMessageBatch('crm-events', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { hello: 'world' } },
    ])
    const ctx = createExecutionContext()
    await handleQueue(batch, e)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks).toEqual(['bad'])
  })
})

describe('who hears that an organisation is signed', () => {
  test(
    'entering SIGNE notifies the team managers and viewers ' + 'and the owner, never a user outside the record scope',
    async () => {
      const org = await orgAndManager()
      const event: DomainEvent = {
        id: crypto.randomUUID(),
        type: 'organisation.stage_changed',
        occurredAt: new Date().toISOString(),
        actor: null,
        data: {
          organisation: { id: org.id, name: org.name, ownerId: org.owner_id, teamId: org.team_id },
          from: 'PROPOSITION',
          to: 'SIGNE',
        },
      }
      await deliver(event)
      const emails = await withDb(e, async (db) =>
        (
          await db.execute<{ email: string }>(
            sql`select u.email from notifications n join users u on u.id = n.user_id
            where n.event_id = ${event.id} order by u.email`,
          )
        ).rows.map((r) => r.email),
      )
      expect(emails).toEqual(['manager@demo.crm', 'sales@demo.crm', 'viewer@demo.crm'])
    },
  )
})
