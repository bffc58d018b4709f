// "Select all N matching": a bulk action over the list's filter instead of checked ids, resolved
// by the server within the caller's scope, counted first by GET /organisations/count, and refused
// with a problem past BULK_FILTER_MAX.
import { describe, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'

const create = async (user: Parameters<typeof as>[0], name: string, extra: Record<string, unknown> = {}) => {
  const res = await (await as(user)).post('/api/v1/organisations', { name, type: 'INVESTISSEUR', ...extra })
  expect(res.status).toBe(201)
  return res.body as { id: string }
}

describe('bulk actions over every organisation a filter matches', () => {
  test(
    "a sales user's 'all matching' changes their own matching " + 'organisations and never one outside their scope',
    async () => {
      const token = unique('ToutesCorresp')
      const mine = [
        await create('sales', `${token} A`),
        await create('sales', `${token} B`),
        await create('sales', `${token} C`, { city: 'Nantes' }),
      ]
      // Same name, other owners: sales2 (team Lyon) and the Paris manager, both outside sales's scope.
      const theirs = [await create('sales2', `${token} Lyon`), await create('manager', `${token} Manager`)]
      const sales = await as('sales')

      const count = await sales.get(`/api/v1/organisations/count?q=${encodeURIComponent(token)}`)
      expect(count.status).toBe(200)
      expect(count.body).toEqual({ count: 3, bulkMax: 500 })
      expect(
        (await (await as('admin')).get(`/api/v1/organisations/count?q=${encodeURIComponent(token)}`)).body.count,
      ).toBe(5)

      const res = await sales.post('/api/v1/organisations/bulk', {
        filter: { q: token },
        action: 'category',
        value: 'SCPI',
      })
      expect(res.status).toBe(200)
      expect(res.body.failed).toEqual([])
      expect(res.body.succeeded.sort()).toEqual(mine.map((o) => o.id).sort())

      const admin = await as('admin')
      for (const o of mine) expect((await admin.get(`/api/v1/organisations/${o.id}`)).body.category).toBe('SCPI')
      for (const o of theirs) expect((await admin.get(`/api/v1/organisations/${o.id}`)).body.category).toBeNull()

      // The filter narrows exactly as the list does (here: the city).
      const narrowed = await sales.post('/api/v1/organisations/bulk', {
        filter: { q: token, city: 'Nantes' },
        action: 'stage',
        value: 'QUALIFICATION',
      })
      expect(narrowed.body).toEqual({ succeeded: [mine[2]!.id], failed: [] })
    },
  )

  test('ids and a filter together, or a misspelt filter, are refused instead of widening the action', async () => {
    const sales = await as('sales')
    const o = await create('sales', unique('Filtre mal écrit'))
    const both = await sales.post('/api/v1/organisations/bulk', {
      ids: [o.id],
      filter: { q: 'x' },
      action: 'stage',
      value: 'SIGNE',
    })
    expect(both.status).toBe(400)
    expect(both.headers.get('content-type')).toContain('application/problem+json')
    const neither = await sales.post('/api/v1/organisations/bulk', { action: 'stage', value: 'SIGNE' })
    expect(neither.status).toBe(400)
    // "stag" is not a filter: without the strict check the action would cover the whole scope.
    const typo = await sales.post('/api/v1/organisations/bulk', {
      filter: { stag: 'PROSPECT' },
      action: 'stage',
      value: 'SIGNE',
    })
    expect(typo.status).toBe(400)
    expect((await sales.get(`/api/v1/organisations/${o.id}`)).body.pipelineStage).toBe('PROSPECT')
  })

  test('a filter matching more than 500 organisations answers a 422 problem with the count, and changes nothing', {
    timeout: 300_000,
  }, async () => {
    const admin = await as('admin')
    const token = unique('Plafond')
    const before = (await admin.get('/api/v1/organisations/count')).body.count as number
    // Enough of the admin's own to pass the cap over the whole scope.
    const missing = Math.max(0, 501 - before)
    for (let i = 0; i < missing; i += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, missing - i) }, (_, j) =>
          admin.post('/api/v1/organisations', { name: `${token} ${i + j}`, type: 'FOURNISSEUR' }),
        ),
      )
    const all = (await admin.get('/api/v1/organisations/count')).body.count as number
    expect(all).toBeGreaterThan(500)

    const refused = await admin.post('/api/v1/organisations/bulk', { filter: {}, action: 'category', value: 'ETF' })
    expect(refused.status).toBe(422)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.body).toMatchObject({ type: '/problems/bulk-too-many', matched: all, max: 500 })
    expect(refused.body.detail).toContain('500')
    const sample = (await admin.get(`/api/v1/organisations?q=${encodeURIComponent(token)}&limit=1`)).body.data[0]
    if (sample) expect(sample.category).toBeNull()

    // Narrowed under the cap, the same request goes through (and clears what this test made).
    if (missing > 0) {
      const started = performance.now()
      const cleared = await admin.post('/api/v1/organisations/bulk', { filter: { q: token }, action: 'delete' })
      const ms = performance.now() - started
      expect(cleared.body.succeeded).toHaveLength(missing)
      console.info(`bulk delete over a filter: ${missing} organisations in ${Math.round(ms)} ms`)
    }
  })
})
