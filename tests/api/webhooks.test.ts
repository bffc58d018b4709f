// Webhooks end to end: the running stack delivers to a real HTTP receiver started here, and every
// signature is checked with the official `standardwebhooks` package (not our implementation).
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { as, eventually, unique } from '../setup/api-client.ts'
import { type Received, WebhookReceiver } from '../setup/webhook-receiver.ts'

const receiver = new WebhookReceiver()
const created: string[] = []
let path = 0

beforeAll(async () => {
  await receiver.start()
})
afterAll(async () => {
  await receiver.stop()
})
// Every endpoint subscribes to events other tests cause: each test deletes its own.
afterEach(async () => {
  const admin = await as('admin')
  for (const id of created.splice(0)) await admin.delete(`/api/v1/webhooks/${id}`)
})

async function endpoint(events: string[] = ['organisation.created'], behaviour?: Parameters<WebhookReceiver['on']>[1]) {
  const p = `/hook-${++path}`
  if (behaviour) receiver.on(p, behaviour)
  const res = await (await as('admin')).post('/api/v1/webhooks', { url: receiver.url(p), events, description: p })
  expect(res.status).toBe(201)
  created.push(res.body.id)
  return { id: res.body.id as string, secret: res.body.secret as string, path: p }
}

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, r.headers) as {
    id: string
    type: string
    data: { organisation?: Record<string, unknown> }
  }

async function createOrganisation() {
  const res = await (await as('admin')).post('/api/v1/organisations', {
    name: unique('Webhook Org'),
    type: 'INVESTISSEUR',
  })
  expect(res.status).toBe(201)
  return res.body as { id: string; name: string; updatedAt: string }
}

const forOrg = (path: string, orgId: string) =>
  receiver.at(path).filter((r) => JSON.parse(r.body).data?.organisation?.id === orgId)

describe('webhook endpoints', () => {
  test('the secret is answered once at creation and never read back', async () => {
    const { id, secret } = await endpoint()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24)
    const admin = await as('admin')
    const one = await admin.get(`/api/v1/webhooks/${id}`)
    expect(one.status).toBe(200)
    expect(JSON.stringify(one.body)).not.toContain(secret.slice(6, 20))
    expect(one.body.secret).toBeUndefined()
    const list = await admin.get('/api/v1/webhooks')
    expect(list.body.data.find((w: { id: string }) => w.id === id)).toBeDefined()
    expect(JSON.stringify(list.body)).not.toContain('whsec_')
  })

  test('a manager may not see or create webhooks', async () => {
    const manager = await as('manager')
    expect((await manager.get('/api/v1/webhooks')).status).toBe(403)
    expect((await manager.post('/api/v1/webhooks', { url: receiver.url('/x'), events: ['*'] })).status).toBe(403)
  })

  test('an unknown event or an empty list is refused with the field at fault', async () => {
    const admin = await as('admin')
    const unknown = await admin.post('/api/v1/webhooks', { url: receiver.url('/x'), events: ['organisation.exploded'] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].path).toBe('events')
    expect((await admin.post('/api/v1/webhooks', { url: receiver.url('/x'), events: [] })).status).toBe(400)
  })

  test.each([
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::ffff:169.254.169.254]/', /link-local/],
    ['http://metadata.google.internal/computeMetadata/v1', /métadonnées/],
    ['https://10.0.0.5/hook', /nom de domaine/],
    ['https://[fd00::1]/hook', /nom de domaine/],
    ['http://partner.example.com/hook', /https/],
    ['ftp://partner.example.com/hook', /https/],
  ])('the URL %s is refused with its reason', async (url, reason) => {
    const res = await (await as('admin')).post('/api/v1/webhooks', { url, events: ['*'] })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ path: 'url' })
    expect(res.body.errors[0].message).toMatch(reason)
  })
})

describe('delivery', () => {
  test(
    'a created organisation reaches the receiver, signed as Standard Webhooks says, with the record as the API ' +
      'returns it',
    async () => {
      const hook = await endpoint()
      const org = await createOrganisation()
      const [got] = await eventually(async () => forOrg(hook.path, org.id).length > 0 && forOrg(hook.path, org.id))
      const payload = verify(hook.secret, got!)
      expect(payload).toMatchObject({ type: 'organisation.created', id: got!.headers['webhook-id'] })
      expect(payload.data.organisation).toMatchObject({ id: org.id, name: org.name, updatedAt: org.updatedAt })
      expect(Math.abs(Number(got!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60)
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(got!.body, got!.headers),
      ).toThrow()
    },
  )

  test(
    'Envoyer un test sends webhook.test, answers the outcome and logs it; Renvoyer sends it again with the ' +
      'same webhook-id',
    async () => {
      const hook = await endpoint()
      const admin = await as('admin')
      const res = await admin.post(`/api/v1/webhooks/${hook.id}/test`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'succeeded', responseStatus: 200, responseExcerpt: 'ok' })
      const [got] = receiver.at(hook.path)
      expect(verify(hook.secret, got!)).toMatchObject({ type: 'webhook.test', id: res.body.eventId })
      const log = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?eventType=webhook.test`)
      expect(log.body.data).toEqual([
        expect.objectContaining({
          id: res.body.deliveryId,
          eventId: res.body.eventId,
          attempt: 1,
          status: 'succeeded',
        }),
      ])
      const again = await admin.post(`/api/v1/webhooks/deliveries/${res.body.deliveryId}/redeliver`)
      expect(again.status).toBe(202)
      const both = await eventually(async () => receiver.at(hook.path).length === 2 && receiver.at(hook.path))
      expect(both.map((r) => r.headers['webhook-id'])).toEqual([res.body.eventId, res.body.eventId])
      verify(hook.secret, both[1]!)
    },
  )

  test('after a rotation both secrets sign during the overlap', async () => {
    const hook = await endpoint()
    const admin = await as('admin')
    const rotated = await admin.post(`/api/v1/webhooks/${hook.id}/rotate`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(hook.secret)
    const hoursLeft = (Date.parse(rotated.body.rotationEndsAt) - Date.now()) / 3600_000
    expect(hoursLeft).toBeGreaterThan(23.9)
    expect(hoursLeft).toBeLessThanOrEqual(24)
    await admin.post(`/api/v1/webhooks/${hook.id}/test`)
    const [got] = receiver.at(hook.path)
    expect(got!.headers['webhook-signature']!.split(' ')).toHaveLength(2)
    expect(verify(rotated.body.secret, got!).type).toBe('webhook.test')
    expect(verify(hook.secret, got!).type).toBe('webhook.test')
  })

  test('410 Gone disables the endpoint and tells the admins', async () => {
    const hook = await endpoint(['organisation.created'], () => ({ status: 410 }))
    await createOrganisation()
    const admin = await as('admin')
    const after = await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${hook.id}`)
      return res.body.isActive === false && res.body
    })
    expect(after.disabledReason).toBe('gone')
    const notes = await admin.get('/api/v1/notifications?limit=20')
    expect(notes.body.data.some((n: { link: string }) => n.link === `/admin/webhooks/${hook.id}`)).toBe(true)
  })

  test('429 with Retry-After is retried when the receiver asked, not on the 5 s schedule', async () => {
    const hook = await endpoint(['organisation.created'], (n) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '2' } } : {},
    )
    const org = await createOrganisation()
    const [first, second] = await eventually(
      async () => forOrg(hook.path, org.id).length >= 2 && forOrg(hook.path, org.id),
      {
        timeout: 20_000,
      },
    )
    const gap = second!.at - first!.at
    expect(gap).toBeGreaterThanOrEqual(1900)
    expect(gap).toBeLessThan(4400)
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    const log = (await (await as('admin')).get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data
    expect(log.map((d: { attempt: number; status: string }) => [d.attempt, d.status])).toEqual([
      [2, 'succeeded'],
      [1, 'failed'],
    ])
    const failed = log[1]
    expect(failed.responseStatus).toBe(429)
    expect(Date.parse(failed.nextRetryAt) - Date.parse(failed.createdAt)).toBeGreaterThanOrEqual(1900)
    expect(Date.parse(failed.nextRetryAt) - Date.parse(failed.createdAt)).toBeLessThan(2500)
  })

  test('a slow endpoint does not hold back another endpoint’s delivery of the same event', async () => {
    const slow = await endpoint(['organisation.created'], () => ({ delayMs: 12_000 }))
    const fast = await endpoint()
    const started = Date.now()
    const org = await createOrganisation()
    const [fastGot] = await eventually(async () => forOrg(fast.path, org.id).length > 0 && forOrg(fast.path, org.id))
    const [slowGot] = forOrg(slow.path, org.id)
    expect(slowGot).toBeDefined()
    // The fast one was received while the slow one was still being answered (12 s).
    expect(fastGot!.at - started).toBeLessThan(8000)
    expect(fastGot!.at).toBeLessThan(slowGot!.at + 12_000)
  }, 40_000)

  test('a redirect is a failure and is not followed, even to the cloud metadata address', async () => {
    const hook = await endpoint(['organisation.created'], () => ({
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data' },
    }))
    const res = await (await as('admin')).post(`/api/v1/webhooks/${hook.id}/test`)
    expect(res.body).toMatchObject({ status: 'failed', responseStatus: 302 })
    expect(res.body.responseExcerpt).toContain('non suivie')
  })

  test('re-enabling offers where it stopped, and a replay since then delivers what it missed', async () => {
    const hook = await endpoint()
    const admin = await as('admin')
    expect((await admin.patch(`/api/v1/webhooks/${hook.id}`, { isActive: false })).body.isActive).toBe(false)
    const org = await createOrganisation()
    await new Promise((r) => setTimeout(r, 3000))
    expect(forOrg(hook.path, org.id)).toHaveLength(0)
    const enabled = await admin.patch(`/api/v1/webhooks/${hook.id}`, { isActive: true })
    expect(enabled.body.isActive).toBe(true)
    expect(Date.parse(enabled.body.missedSince)).toBeLessThanOrEqual(Date.now())
    const replay = await admin.post(`/api/v1/webhooks/${hook.id}/replay`, { since: enabled.body.missedSince })
    expect(replay.status).toBe(202)
    expect(replay.body.queued).toBeGreaterThanOrEqual(1)
    const [got] = await eventually(async () => forOrg(hook.path, org.id).length > 0 && forOrg(hook.path, org.id))
    expect(verify(hook.secret, got!).type).toBe('organisation.created')
  })

  test('the delivery log filters by status and event type and pages with a cursor', async () => {
    const hook = await endpoint(['*'], (n) => (n % 2 ? { status: 500 } : {}))
    const admin = await as('admin')
    for (let i = 0; i < 4; i++) await admin.post(`/api/v1/webhooks/${hook.id}/test`)
    const failed = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?status=failed`)
    expect(failed.body.data).toHaveLength(2)
    expect(failed.body.data.every((d: { responseStatus: number }) => d.responseStatus === 500)).toBe(true)
    const first = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?eventType=webhook.test&limit=3`)
    expect(first.body.data).toHaveLength(3)
    const rest = await admin.get(
      `/api/v1/webhooks/${hook.id}/deliveries?eventType=webhook.test&limit=3&cursor=${first.body.nextCursor}`,
    )
    expect(rest.body.data).toHaveLength(1)
    expect(rest.body.nextCursor).toBeNull()
    const ids = new Set([...first.body.data, ...rest.body.data].map((d: { id: string }) => d.id))
    expect(ids.size).toBe(4)
    expect((await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?cursor=garbage`)).status).toBe(400)
  })
})
