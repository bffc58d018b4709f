import { describe, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'
import { makeIsin } from '../../scripts/seed-data.ts'

const randomIsin = () => makeIsin('FR', String(Math.floor(Math.random() * 1e9)))

describe('products', () => {
  test('a manager creates, reads, updates a product; an admin deletes it', async () => {
    const manager = await as('manager')
    const issuer = (await manager.post('/api/v1/organisations', { name: unique('Émetteur'), type: 'EMETTEUR' })).body
    const isin = randomIsin()
    const created = await manager.post('/api/v1/products', {
      name: unique('Fonds'),
      isin: isin.toLowerCase(),
      category: 'OPCVM',
      issuerId: issuer.id,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      isin,
      category: 'OPCVM',
      issuerId: issuer.id,
      issuerName: issuer.name,
      isActive: true,
    })
    const id = created.body.id
    expect((await manager.get(`/api/v1/products/${id}`)).body.isin).toBe(isin)
    const updated = await manager.patch(`/api/v1/products/${id}`, {
      description: 'Fonds actions européennes',
      isActive: false,
    })
    expect(updated.body).toMatchObject({ description: 'Fonds actions européennes', isActive: false })
    const byIssuer = await manager.get(`/api/v1/products?organisationId=${issuer.id}`)
    expect(byIssuer.body.data.map((p: any) => p.id)).toEqual([id])
    expect((await manager.delete(`/api/v1/products/${id}`)).status).toBe(403)
    expect((await (await as('admin')).delete(`/api/v1/products/${id}`)).status).toBe(204)
    expect((await manager.get(`/api/v1/products/${id}`)).status).toBe(404)
  })

  test('an ISIN with a wrong check digit or shape is refused', async () => {
    const manager = await as('manager')
    const good = randomIsin()
    const wrongDigit = good.slice(0, 11) + String((Number(good[11]) + 1) % 10)
    for (const isin of [wrongDigit, 'FR123', '12AB45678901', 'FR00100000I5']) {
      const res = await manager.post('/api/v1/products', { name: 'X', isin })
      expect(res.status, isin).toBe(400)
      expect(res.body.errors[0].path).toBe('isin')
    }
    // Real ISINs pass.
    for (const isin of ['FR0000120271', 'US0378331005', 'LU0274208692']) {
      const res = await manager.post('/api/v1/products', { name: unique('Réel'), isin })
      expect([201, 409], isin).toContain(res.status)
    }
  })

  test('an ISIN is unique: a second product with it answers 409', async () => {
    const manager = await as('manager')
    const isin = randomIsin()
    expect((await manager.post('/api/v1/products', { name: unique('P1'), isin })).status).toBe(201)
    const again = await manager.post('/api/v1/products', { name: unique('P2'), isin })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].path).toBe('isin')
  })

  test('sales and viewers read the catalogue but do not write it', async () => {
    for (const user of ['sales', 'viewer'] as const) {
      const client = await as(user)
      expect((await client.get('/api/v1/products?limit=5')).status).toBe(200)
      expect((await client.post('/api/v1/products', { name: 'X', isin: randomIsin() })).status).toBe(403)
    }
  })

  test('the issuer must be an organisation the author can see', async () => {
    const manager = await as('manager')
    const lyon = (
      await (await as('sales2')).post('/api/v1/organisations', { name: unique('Lyon Émetteur'), type: 'EMETTEUR' })
    ).body
    const res = await manager.post('/api/v1/products', { name: 'X', isin: randomIsin(), issuerId: lyon.id })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('issuerId')
  })

  test('the list filters by category and paginates by name', async () => {
    const admin = await as('admin')
    const etf = await admin.get('/api/v1/products?category=ETF')
    expect(etf.body.data.length).toBeGreaterThan(0)
    expect(etf.body.data.every((p: any) => p.category === 'ETF')).toBe(true)
    const first = await admin.get('/api/v1/products?limit=3')
    const second = await admin.get(`/api/v1/products?limit=3&cursor=${first.body.nextCursor}`)
    const names = [...first.body.data, ...second.body.data].map((p: any) => p.name)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(new Set(names).size).toBe(6)
  })
})
