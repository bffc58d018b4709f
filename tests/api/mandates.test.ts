import { describe, expect, test } from 'vitest'
import { as, eventually, unique } from '../setup/api-client.ts'

const setup = async (user: Parameters<typeof as>[0] = 'sales') => {
  const client = await as(user)
  const org = (await client.post('/api/v1/organisations', { name: unique('Mandant'), type: 'DISTRIBUTEUR' })).body
  const products = (await client.get('/api/v1/products?limit=2')).body.data.map((p: any) => p.id)
  return { client, org, products }
}

describe('mandats', () => {
  test('a mandate is numbered M-YYYY-NNN, tied to an organisation and products, and readable', async () => {
    const { client, org, products } = await setup()
    const res = await client.post('/api/v1/mandats', {
      organisationId: org.id,
      productIds: products,
      amount: '250000',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    })
    expect(res.status).toBe(201)
    expect(res.body.number).toMatch(new RegExp(`^M-${new Date().getUTCFullYear()}-\\d{3,}$`))
    expect(res.body).toMatchObject({
      organisationId: org.id,
      organisationName: org.name,
      status: 'BROUILLON',
      allowedTransitions: ['EN_NEGOCIATION'],
      amount: '250000.00',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      signedAt: null,
    })
    expect(res.body.products.map((p: any) => p.id).sort()).toEqual([...products].sort())
    expect((await client.get(`/api/v1/mandats/${res.body.id}`)).body.number).toBe(res.body.number)
    const byOrg = await client.get(`/api/v1/mandats?organisationId=${org.id}`)
    expect(byOrg.body.data.map((m: any) => m.id)).toEqual([res.body.id])
  })

  test('concurrent creations never share a number', async () => {
    const { client, org } = await setup()
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.post('/api/v1/mandats', { organisationId: org.id })),
    )
    // The local PGlite socket server multiplexes one connection and may fail a request under
    // concurrency (a dev-stack limit, not a numbering one); every mandate created must be unique.
    const created = results.filter((r) => r.status === 201)
    expect(created.length).toBeGreaterThanOrEqual(2)
    const listed = (await client.get(`/api/v1/mandats?organisationId=${org.id}&limit=100`)).body.data.map(
      (m: any) => m.number,
    )
    expect(new Set(listed).size).toBe(listed.length)
    expect(listed).toEqual(expect.arrayContaining(created.map((r) => r.body.number)))
    // Numbers follow each other within the year: the next one is the highest plus one.
    const next = (await client.post('/api/v1/mandats', { organisationId: org.id })).body.number
    const max = Math.max(...listed.map((n: string) => Number(n.split('-')[2])))
    expect(Number(next.split('-')[2])).toBeGreaterThan(max)
  })

  test('the lifecycle is enforced; signing records the date and notifies the team', async () => {
    const { client, org } = await setup()
    const m = (await client.post('/api/v1/mandats', { organisationId: org.id, amount: 1000 })).body
    const skip = await client.patch(`/api/v1/mandats/${m.id}`, { status: 'ACTIF' })
    expect(skip.status).toBe(409)
    expect(skip.headers.get('content-type')).toContain('application/problem+json')
    expect(skip.body.detail).toContain('Brouillon')
    expect(skip.body.errors[0].path).toBe('status')
    expect((await client.patch(`/api/v1/mandats/${m.id}`, { status: 'EN_NEGOCIATION' })).body.status).toBe(
      'EN_NEGOCIATION',
    )
    const signed = await client.patch(`/api/v1/mandats/${m.id}`, { status: 'SIGNE' })
    expect(signed.status).toBe(200)
    expect(signed.body.signedAt).toMatch(/Z$/)
    expect(signed.body.allowedTransitions).toEqual(['ACTIF', 'RESILIE'])
    expect((await client.patch(`/api/v1/mandats/${m.id}`, { status: 'ACTIF' })).body.status).toBe('ACTIF')
    expect((await client.patch(`/api/v1/mandats/${m.id}`, { status: 'EXPIRE' })).body.status).toBe('EXPIRE')
    expect((await client.patch(`/api/v1/mandats/${m.id}`, { status: 'ACTIF' })).status).toBe(409)
    const viewer = await as('viewer')
    const n = await eventually(async () =>
      (await viewer.get('/api/v1/notifications?limit=50')).body.data.find(
        (x: any) => x.type === 'mandat.signed' && x.message.includes(m.number),
      ),
    )
    expect(n.priority).toBe('HIGH')
    const events = await (await as('admin')).get('/api/v1/admin/events?type=mandat.signed&limit=5')
    expect(events.body.data.length).toBeGreaterThan(0)
  })

  test('invalid input answers 400 with the failing fields', async () => {
    const { client, org } = await setup()
    const res = await client.post('/api/v1/mandats', {
      organisationId: org.id,
      status: 'SIGNE',
      startDate: '2026-02-30',
      amount: 'beaucoup',
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['status', 'startDate', 'amount']))
    const order = await client.post('/api/v1/mandats', {
      organisationId: org.id,
      startDate: '2026-06-01',
      endDate: '2026-01-01',
    })
    expect(order.status).toBe(400)
    expect(order.body.errors[0].path).toBe('endDate')
    const unknownProduct = await client.post('/api/v1/mandats', {
      organisationId: org.id,
      productIds: [crypto.randomUUID()],
    })
    expect(unknownProduct.status).toBe(400)
    expect(unknownProduct.body.errors[0].path).toBe('productIds.0')
    const m = (await client.post('/api/v1/mandats', { organisationId: org.id })).body
    const signedAtOnDraft = await client.patch(`/api/v1/mandats/${m.id}`, { signedAt: '2026-01-01T10:00:00Z' })
    expect(signedAtOnDraft.status).toBe(400)
  })

  test('scope: another team’s mandate answers 404; sales cannot delete; a manager can', async () => {
    const { client: sales2, org } = await setup('sales2')
    const m = (await sales2.post('/api/v1/mandats', { organisationId: org.id })).body
    expect((await (await as('manager')).get(`/api/v1/mandats/${m.id}`)).status).toBe(404)
    expect((await (await as('sales')).patch(`/api/v1/mandats/${m.id}`, { notes: 'x' })).status).toBe(404)
    expect((await sales2.delete(`/api/v1/mandats/${m.id}`)).status).toBe(403)
    const manager2 = await as('manager2')
    expect((await manager2.delete(`/api/v1/mandats/${m.id}`)).status).toBe(204)
    expect((await manager2.get(`/api/v1/mandats/${m.id}`)).status).toBe(404)
    expect((await (await as('viewer')).post('/api/v1/mandats', { organisationId: org.id })).status).toBe(403)
  })

  test('the list filters by status and paginates', async () => {
    const admin = await as('admin')
    const actif = await admin.get('/api/v1/mandats?status=ACTIF&limit=100')
    expect(actif.body.data.length).toBeGreaterThan(0)
    expect(actif.body.data.every((m: any) => m.status === 'ACTIF')).toBe(true)
    const first = await admin.get('/api/v1/mandats?limit=5')
    const second = await admin.get(`/api/v1/mandats?limit=5&cursor=${first.body.nextCursor}`)
    const numbers = [...first.body.data, ...second.body.data].map((m: any) => m.number)
    expect(numbers).toEqual([...numbers].sort().reverse())
    expect(new Set(numbers).size).toBe(10)
  })
})
