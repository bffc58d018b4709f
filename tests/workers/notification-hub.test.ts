import { env, runInDurableObject } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { NotificationHub } from '../../durable-objects/notification-hub.ts'
import { withDb } from '../../worker/db/client.ts'
import { storeNotifications } from '../../worker/notifications/notification.service.ts'

const hubs = env.NOTIFICATION_HUB

async function connect(name: string, session = 's') {
  const stub = hubs.get(hubs.idFromName(name))
  const res = await stub.fetch('https://hub/ws', {
    headers: { upgrade: 'websocket', 'x-hub-user': name, 'x-hub-session': session },
  })
  const ws = res.webSocket!
  ws.accept()
  const messages: any[] = []
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)))
  ws.addEventListener('message', (e) => {
    messages.push(String(e.data) === 'pong' ? 'pong' : JSON.parse(String(e.data)))
  })
  return { res, ws, messages, stub, closed }
}

const e = env
const userId = (email: string) =>
  withDb(
    e,
    async (db) => (await db.execute<{ id: string }>(sql`select id from users where email = ${email}`)).rows[0]!.id,
  )
const store = (user: string, n: number, label: string) =>
  withDb(e, (db) =>
    storeNotifications(
      db,
      Array.from({ length: n }, (_, i) => ({ userId: user, type: 'task.assigned', title: `${label} ${i}` })),
    ),
  )
const waitFor = async (pred: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
const seqs = (messages: any[]) => messages.filter((m) => m.type === 'notification').map((m) => m.notification.seq)

const settle = () => new Promise((r) => setTimeout(r, 50))

describe('NotificationHub', () => {
  test('a plain request without a WebSocket upgrade is refused with 426', async () => {
    const stub = hubs.get(hubs.idFromName('no-upgrade'))
    const res = await stub.fetch('https://hub/ws')
    expect(res.status).toBe(426)
  })

  test('an upgrade is accepted and greeted with the number of open connections', async () => {
    const a = await connect('greeting')
    const b = await connect('greeting')
    expect(a.res.status).toBe(101)
    await settle()
    expect(b.messages[0]).toEqual({ type: 'hello', connections: 2 })
    a.ws.close()
    b.ws.close()
  })

  test('a push reaches every socket of the hub and only that hub', async () => {
    const mine1 = await connect('user-a')
    const mine2 = await connect('user-a')
    const other = await connect('user-b')
    const delivered = await mine1.stub.push({ type: 'notification', title: 'x' })
    expect(delivered).toBe(2)
    await settle()
    expect(mine1.messages.at(-1)).toEqual({ type: 'notification', title: 'x' })
    expect(mine2.messages.at(-1)).toEqual({ type: 'notification', title: 'x' })
    expect(other.messages.some((m) => m.type === 'notification')).toBe(false)
    for (const c of [mine1, mine2, other]) c.ws.close()
  })

  test('the hub keeps its sockets through hibernation bookkeeping (getWebSockets)', async () => {
    const c = await connect('count')
    const count = await runInDurableObject(c.stub, (instance: NotificationHub) => instance.connections())
    expect(count).toBe(1)
    c.ws.close()
  })
})

describe('NotificationHub catch-up and session control', () => {
  test(
    'a socket that sends resumeFrom receives every ' + 'notification it missed, in order, then a resumed marker',
    async () => {
      const user = await userId('viewer@demo.crm')
      const before = await store(user, 3, 'avant')
      const missed = await store(user, 120, 'manqué')
      const c = await connect(user)
      c.ws.send(JSON.stringify({ resumeFrom: Number(before.at(-1)!.seq) }))
      await waitFor(() => c.messages.some((m) => m.type === 'resumed'))
      expect(seqs(c.messages)).toEqual(missed.map((n) => Number(n.seq)))
      expect(c.messages.at(-1)).toEqual({ type: 'resumed', seq: Number(missed.at(-1)!.seq), replayed: 120 })
      c.ws.close()
    },
  )

  test('notifications pushed while a replay runs arrive once each and in sequence order', async () => {
    const user = await userId('manager2@demo.crm')
    const start = await store(user, 1, 'départ')
    await store(user, 50, 'manqué')
    const c = await connect(user)
    c.ws.send(JSON.stringify({ resumeFrom: Number(start[0]!.seq) }))
    // New notifications committed and pushed during the catch-up, twice each (as a retried push would).
    const live = await store(user, 5, 'direct')
    for (const n of live) {
      const message = { type: 'notification', notification: { ...n, seq: Number(n.seq) } }
      await c.stub.push(message)
      await c.stub.push(message)
    }
    await waitFor(() => seqs(c.messages).includes(Number(live.at(-1)!.seq)))
    const got = seqs(c.messages)
    expect(got).toEqual([...got].sort((a, b) => a - b))
    expect(new Set(got).size).toBe(got.length)
    expect(got).toHaveLength(55)
    c.ws.close()
  })

  test('a malformed resume message gets an error answer and the socket stays open', async () => {
    const c = await connect('bad-resume')
    c.ws.send('{"resumeFrom": "hier"}')
    await waitFor(() => c.messages.some((m) => m.type === 'error'))
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
    c.ws.close()
  })

  test('"ping" is answered "pong" by the hibernation auto-response', async () => {
    const c = await connect('heartbeat')
    const pair = await runInDurableObject(c.stub, (_: NotificationHub, state) => state.getWebSocketAutoResponse())
    expect(pair?.request).toBe('ping')
    expect(pair?.response).toBe('pong')
    c.ws.send('ping')
    await waitFor(() => c.messages.includes('pong'))
    c.ws.close()
  })

  test('closing a session closes only that session’s sockets; closing all but one keeps that one', async () => {
    const one = await connect('sessions', 'one')
    const two = await connect('sessions', 'two')
    const three = await connect('sessions', 'three')
    expect(await one.stub.closeSessions(['one'])).toBe(1)
    expect(await one.closed).toBe(4001)
    expect(await one.stub.closeSessions(null, 'three')).toBe(1)
    expect(await two.closed).toBe(4001)
    expect(three.ws.readyState).toBe(WebSocket.OPEN)
    three.ws.close()
  })
})
