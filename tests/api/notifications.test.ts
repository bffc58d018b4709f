// The notifications API against the running stack: filters, cursor and `since`, read and archive
// synced to the user's other sockets, preferences, and the socket's Origin and session checks.
import { describe, expect, test } from 'vitest'
import { type ApiClient, as, baseURL, eventually, unique } from '../setup/api-client.ts'
import { readyUser, signIn } from './auth-helpers.ts'

function openSocket(cookie: string, origin = baseURL()) {
  const ws = new WebSocket(`${baseURL().replace('http', 'ws')}/api/v1/notifications/ws`, {
    headers: { cookie, origin },
  } as never)
  const messages: any[] = []
  ws.addEventListener('message', (e) => messages.push(String(e.data) === 'pong' ? 'pong' : JSON.parse(String(e.data))))
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('socket error')))
  })
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)))
  return { ws, messages, opened, closed }
}

// The sales user creates organisations in team Paris: its manager is told of each (LOW priority).
async function createdForManager(n: number) {
  const sales = await as('sales')
  const names: string[] = []
  for (let i = 0; i < n; i++) {
    const name = unique('Notif API')
    expect((await sales.post('/api/v1/organisations', { name, type: 'INVESTISSEUR' })).status).toBe(201)
    names.push(name)
  }
  const manager = await as('manager')
  const mine = async () =>
    (await manager.get('/api/v1/notifications?type=organisation.created&limit=100')).body.data.filter((x: any) =>
      names.some((name) => x.message.includes(name)),
    )
  return eventually(async () => {
    const found = await mine()
    return found.length === n && found
  })
}
const latestSeq = async (c: ApiClient) => (await c.get('/api/v1/notifications?limit=1')).body.data[0]?.seq ?? 0

describe('listing', () => {
  test(
    'filters by unread, type and priority, pages with a ' + 'cursor newest first, and answers `since` oldest first',
    async () => {
      const manager = await as('manager')
      const since = await latestSeq(manager)
      const made = await createdForManager(3)
      const after = await manager.get(`/api/v1/notifications?since=${since}&type=organisation.created&limit=100`)
      const seqs = after.body.data.map((x: any) => x.seq)
      expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b))
      for (const n of made) expect(seqs).toContain(n.seq)

      const low = await manager.get('/api/v1/notifications?priority=LOW&unread=true&limit=100')
      expect(low.body.data.every((x: any) => x.priority === 'LOW' && x.readAt === null)).toBe(true)

      const first = await manager.get('/api/v1/notifications?type=organisation.created&limit=2')
      expect(first.body.data).toHaveLength(2)
      const second = await manager.get(
        `/api/v1/notifications?type=organisation.created&limit=2&cursor=${first.body.nextCursor}`,
      )
      expect(second.body.data[0].seq).toBeLessThan(first.body.data[1].seq)
    },
  )

  test('bad filters are a clear 400, not a 500', async () => {
    const manager = await as('manager')
    for (const q of ['type=nope', 'priority=CRITICAL', 'since=-1', 'cursor=abc', 'unread=peut-etre']) {
      const res = await manager.get(`/api/v1/notifications?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
    expect((await manager.post('/api/v1/notifications/read', { ids: ['pas-un-uuid'] })).status).toBe(400)
  })
})

describe('read and archive, synced to every open tab', () => {
  test(
    'marking one read clears it in the other socket at ' + 'once; archiving the read ones hides them from the bell',
    async () => {
      const manager = await as('manager')
      const tab1 = openSocket(manager.cookie)
      const tab2 = openSocket(manager.cookie)
      await Promise.all([tab1.opened, tab2.opened])
      const [n] = await createdForManager(1)
      await eventually(async () => tab2.messages.some((m) => m.type === 'notification' && m.notification.id === n.id))

      const read = await manager.post('/api/v1/notifications/read', { ids: [n.id] })
      expect(read.body.ids).toEqual([n.id])
      for (const tab of [tab1, tab2]) {
        await eventually(async () => tab.messages.some((m) => m.type === 'read' && m.ids.includes(n.id)))
      }
      // Marking it again changes nothing and tells nobody.
      expect((await manager.post('/api/v1/notifications/read', { ids: [n.id] })).body.ids).toEqual([])

      const archived = await manager.post('/api/v1/notifications/archive', { ids: 'read' })
      expect(archived.body.ids).toContain(n.id)
      await eventually(async () => tab2.messages.some((m) => m.type === 'archived' && m.ids.includes(n.id)))
      const inbox = await manager.get('/api/v1/notifications?limit=100')
      expect(inbox.body.data.some((x: any) => x.id === n.id)).toBe(false)
      const archive = await manager.get('/api/v1/notifications?archived=true&limit=100')
      expect(archive.body.data.find((x: any) => x.id === n.id).archivedAt).not.toBeNull()
      for (const tab of [tab1, tab2]) tab.ws.close()
    },
  )

  test('"all" marks every notification read and the unread count drops to zero', async () => {
    const manager = await as('manager')
    await createdForManager(1)
    await manager.post('/api/v1/notifications/read', { ids: 'all' })
    expect((await manager.get('/api/v1/notifications?limit=1')).body.unread).toBe(0)
  })
})

describe('preferences', () => {
  test('lists every type with its defaults, saves a change, and refuses to switch a security notice off', async () => {
    const sales2 = await as('sales2')
    const prefs = await sales2.get('/api/v1/notifications/preferences')
    expect(prefs.body.types.length).toBeGreaterThanOrEqual(15)
    const saved = await sales2.put('/api/v1/notifications/preferences', {
      emailDigest: true,
      types: [{ type: 'contact.cold', inApp: false, email: true }],
    })
    expect(saved.status).toBe(200)
    expect(saved.body.emailDigest).toBe(true)
    expect(saved.body.types.find((t: any) => t.type === 'contact.cold')).toMatchObject({ inApp: false, email: true })
    const refused = await sales2.put('/api/v1/notifications/preferences', {
      types: [{ type: 'security.new_device', email: false }],
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].message).toMatch(/sécurité/)
    expect((await sales2.put('/api/v1/notifications/preferences', { types: [{ type: 'x.y' }] })).status).toBe(400)
  })
})

describe('the live socket', () => {
  test('an upgrade from another site’s page is refused; from the app’s own origin it opens', async () => {
    const manager = await as('manager')
    const foreign = openSocket(manager.cookie, 'https://evil.example')
    await expect(foreign.opened).rejects.toThrow('socket error')
    const own = openSocket(manager.cookie)
    await own.opened
    own.ws.send('ping')
    await eventually(async () => own.messages.includes('pong'))
    own.ws.close()
  })

  test('signing out closes that session’s sockets, and a new device sign-in raises a security notice', async () => {
    const user = await readyUser('sales')
    const socket = openSocket(user.client.cookie)
    await socket.opened
    expect((await user.client.post('/api/v1/auth/logout')).status).toBe(204)
    expect(await socket.closed).toBe(4001)

    const { client } = await signIn(user.email, user.password, { userAgent: 'Mozilla/5.0 (X11; Linux) Firefox/140.0' })
    const notice = await eventually(async () =>
      (await client.get('/api/v1/notifications?type=security.new_device')).body.data.at(0),
    )
    expect(notice.message).toContain('Firefox sur Linux')
    expect(notice.priority).toBe('HIGH')
  })
})
