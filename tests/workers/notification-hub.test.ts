import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, test } from 'vitest'
import type { Env } from '../../worker/env.ts'
import { NotificationHub } from '../../durable-objects/notification-hub.ts'

const hubs = (env as unknown as Env).NOTIFICATION_HUB

async function connect(name: string) {
  const stub = hubs.get(hubs.idFromName(name))
  const res = await stub.fetch('https://hub/ws', { headers: { upgrade: 'websocket' } })
  const ws = res.webSocket!
  ws.accept()
  const messages: any[] = []
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)))
  })
  return { res, ws, messages, stub }
}

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
