import { describe, expect, test } from 'vitest'
import { as, baseURL, unique } from '../setup/api-client.ts'

function openSocket(cookie: string) {
  const url = baseURL().replace('http', 'ws') + '/api/v1/notifications/ws'
  const ws = new WebSocket(url, { headers: { cookie, origin: baseURL() } } as never)
  const messages: any[] = []
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)))
  })
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('socket error')))
  })
  return { ws, messages, opened }
}

const waitFor = async (pred: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('NotificationHub (Durable Object) and the events consumer', () => {
  test('a WebSocket without a session is refused', async () => {
    const { ws, opened, messages } = openSocket('')
    await expect(opened).rejects.toThrow('socket error')
    expect(ws.readyState).not.toBe(WebSocket.OPEN)
    expect(messages).toEqual([])
  })

  test('every open tab of a user receives the push, and another user receives nothing', async () => {
    const manager = await as('manager')
    const sales2 = await as('sales2')
    const tab1 = openSocket(manager.cookie)
    const tab2 = openSocket(manager.cookie)
    const other = openSocket(sales2.cookie)
    await Promise.all([tab1.opened, tab2.opened, other.opened])
    await waitFor(() => tab2.messages.some((m) => m.type === 'hello'))

    // The sales user of the manager's team creates an organisation: the team's manager is told.
    const sales = await as('sales')
    const name = unique('Push Test')
    await sales.post('/api/v1/organisations', { name, type: 'INVESTISSEUR' })
    const pushed = (m: any) => m.type === 'notification' && m.notification.message.includes(name)
    await waitFor(() => tab1.messages.some(pushed) && tab2.messages.some(pushed))
    // sales2 is in another team: the record is outside their scope, so is the notification.
    await new Promise((r) => setTimeout(r, 500))
    expect(other.messages.some(pushed)).toBe(false)
    for (const s of [tab1, tab2, other]) s.ws.close()
  })
})
