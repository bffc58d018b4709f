import { describe, expect, test } from 'vitest'
import { ApiClient, as, eventually, unique } from '../setup/api-client.ts'

describe('foundation', () => {
  test('health answers 200 with the state of the database, KV and queues and the version', async () => {
    const res = await new ApiClient().get('/api/v1/health')
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('ok')
    expect(res.body.checks.database.status).toBe('ok')
    expect(res.body.checks.kv.status).toBe('ok')
    expect(res.body.checks.queues.status).toBe('ok')
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  test('an unknown API route answers 404 problem+json', async () => {
    const res = await new ApiClient().get('/api/v1/does-not-exist')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' })
  })

  test('malformed JSON answers 400 problem+json, not 500', async () => {
    const admin = await as('admin')
    const res = await admin.request('POST', '/api/v1/organisations', '{"name": "x",', {})
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  test('a body failing its schema answers 400 with the failing fields', async () => {
    const admin = await as('admin')
    const res = await admin.post('/api/v1/organisations', { name: '', type: 'CLIENT', email: 'pas-un-email' })
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'type', 'email']))
  })

  test('a tampered pagination cursor answers 400, not 500', async () => {
    const admin = await as('admin')
    const res = await admin.get('/api/v1/organisations?cursor=not-a-cursor')
    expect(res.status).toBe(400)
  })

  test('the API requires a session', async () => {
    const res = await new ApiClient().get('/api/v1/organisations')
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  test('a page reached by cursor is read from Postgres every time, never from KV', async () => {
    const admin = await as('admin')
    const first = await admin.get('/api/v1/organisations?sort=name&limit=3')
    const path = `/api/v1/organisations?sort=name&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`
    const [a, b] = [await admin.get(path), await admin.get(path)]
    expect([a.headers.get('x-cache'), b.headers.get('x-cache')]).toEqual(['BYPASS', 'BYPASS'])
    expect(a.body.data).toHaveLength(3)
    // The page continues the first one: no organisation appears on both.
    const firstIds = new Set(first.body.data.map((o: { id: string }) => o.id))
    expect(a.body.data.some((o: { id: string }) => firstIds.has(o.id))).toBe(false)
  })

  test('the organisation list is cached in KV and a creation invalidates it', async () => {
    const admin = await as('admin')
    const path = '/api/v1/organisations?sort=-createdAt&limit=5'
    // The entry is written after the response (waitUntil), and other test files' writes move the
    // lists' version meanwhile: ask until a read is served from the cache.
    const cached = await eventually(async () => {
      const res = await admin.get(path)
      return res.headers.get('x-cache') === 'HIT' && res
    })
    expect(cached.body.data).toHaveLength(5)
    const name = unique('Cache Test')
    const created = await admin.post('/api/v1/organisations', { name, type: 'INVESTISSEUR' })
    expect(created.status).toBe(201)
    const after = await admin.get(path)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(after.body.data.map((o: { name: string }) => o.name)).toContain(name)
  })

  test('creating an organisation stores a notification through the outbox, the queue and its consumer', async () => {
    // The team's manager is told of what a sales user creates (nobody is told of their own act).
    const manager = await as('manager')
    const name = unique('Outbox Test')
    await (await as('sales')).post('/api/v1/organisations', { name, type: 'DISTRIBUTEUR' })
    const notification = await eventually(async () => {
      const res = await manager.get('/api/v1/notifications')
      return res.body.data.find((n: { message: string }) => n.message?.includes(name))
    })
    expect(notification.type).toBe('organisation.created')
  })

  test('a replayed event is not processed twice (idempotent consumer)', async () => {
    const admin = await as('admin')
    const manager = await as('manager')
    const name = unique('Replay Test')
    await (await as('sales')).post('/api/v1/organisations', { name, type: 'EMETTEUR' })
    const countFor = async () =>
      (await manager.get('/api/v1/notifications?limit=100')).body.data.filter((n: { message: string }) =>
        n.message?.includes(name),
      ).length
    await eventually(async () => (await countFor()) === 1)
    const events = await admin.get('/api/v1/admin/events?type=organisation.created&limit=5')
    const replay = await admin.post(`/api/v1/admin/events/${events.body.data[0].id}/replay`)
    expect(replay.status).toBe(202)
    // Give the queue time to deliver the replay, then check nothing was doubled.
    await new Promise((r) => setTimeout(r, 2500))
    expect(await countFor()).toBe(1)
  })

  test('the OpenAPI document is generated from the routes and has a viewer', async () => {
    const client = new ApiClient()
    const doc = await client.get('/api/openapi.json')
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toBe('3.1.0')
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/health']))
    const viewer = await client.get('/api/docs')
    expect(viewer.status).toBe(200)
    expect(viewer.headers.get('content-type')).toContain('text/html')
  })

  test('every response carries a request id', async () => {
    const res = await new ApiClient().get('/api/v1/health')
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/)
  })

  test('the web UI answers a real 404 page', async () => {
    const res = await fetch(new URL('/no/such/page', (await import('../setup/api-client.ts')).baseURL()))
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Page introuvable')
  })
})
