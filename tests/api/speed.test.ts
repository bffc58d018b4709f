// Serving and speed (issue 16): what each request reports about its own cost, the page view's
// single connection and session look-up, the cache statistics, and the sales scope of people
// kept by the database.
import { describe, expect, test } from 'vitest'
import { as, baseURL, unique } from '../setup/api-client.ts'

const dbOf = (header: string | null) => {
  const m = header?.match(/db;desc="(\d+) statements, (\d+) connections, (\d+) session look-ups"/)
  if (!m) throw new Error(`no db counts in Server-Timing: ${header}`)
  return { statements: Number(m[1]), connections: Number(m[2]), sessions: Number(m[3]) }
}

describe('serving and speed', () => {
  test('an API response carries its Server-Timing phases and counts its statements on one connection', async () => {
    const admin = await as('admin')
    const res = await admin.get(`/api/v1/organisations?q=${encodeURIComponent(unique('absent'))}`)
    expect(res.status).toBe(200)
    const header = res.headers.get('server-timing')
    for (const phase of ['session', 'permissions', 'connection', 'query', 'serialisation', 'cache'])
      expect(header).toMatch(new RegExp(`(^|, )${phase};dur=\\d+\\.\\d`))
    const db = dbOf(header)
    expect(db).toMatchObject({ connections: 1, sessions: 1 })
    // The session with its permission overrides (one statement), then the list's own.
    expect(db.statements).toBeGreaterThanOrEqual(2)
  })

  test('a request refused before any database work opens no connection', async () => {
    const res = await fetch(new URL('/api/v1/organisations', baseURL()))
    expect(res.status).toBe(401)
    expect(dbOf(res.headers.get('server-timing'))).toEqual({ statements: 0, connections: 0, sessions: 0 })
  })

  test('a page view shares one connection and one session look-up among its API calls', async () => {
    const admin = await as('admin')
    for (const page of ['/', '/organisations', '/people']) {
      const res = await fetch(new URL(page, baseURL()), { headers: { cookie: admin.cookie } })
      expect(res.status, page).toBe(200)
      await res.text()
      const db = dbOf(res.headers.get('server-timing'))
      expect(db, page).toMatchObject({ connections: 1, sessions: 1 })
      expect(db.statements, page).toBeGreaterThanOrEqual(2)
    }
  })

  test('cache statistics count the list cache’s hits and misses, for admins only', async () => {
    const admin = await as('admin')
    const before = (await admin.get('/api/v1/admin/cache-stats')).body
    expect(before).toMatchObject({ hits: expect.any(Number), misses: expect.any(Number) })
    const path = `/api/v1/organisations?q=${encodeURIComponent(unique('stats'))}`
    expect((await admin.get(path)).headers.get('x-cache')).toBe('MISS')
    expect((await admin.get(path)).headers.get('x-cache')).toBe('HIT')
    const after = (await admin.get('/api/v1/admin/cache-stats')).body
    expect(after.hits).toBeGreaterThanOrEqual(before.hits + 1)
    expect(after.misses).toBeGreaterThanOrEqual(before.misses + 1)
    expect(after.hit_rate).toBeCloseTo(after.hits / (after.hits + after.misses), 3)
    expect((await (await as('manager')).get('/api/v1/admin/cache-stats')).status).toBe(403)
  })

  test('a sales user sees a person through the organisations they own, as ownership and the bin change', async () => {
    const [admin, sales, sales2] = [await as('admin'), await as('sales'), await as('sales2')]
    const ids = Object.fromEntries(
      (await admin.get('/api/v1/users?active=true')).body.data.map((u: { email: string; id: string }) => [
        u.email,
        u.id,
      ]),
    )
    const org = (await sales.post('/api/v1/organisations', { name: unique('Scope'), type: 'INVESTISSEUR' })).body
    const person = (
      await admin.post('/api/v1/people', {
        firstName: 'Portée',
        lastName: unique('Contact'),
        ownerId: ids['admin@demo.crm'],
        organisations: [{ organisationId: org.id }],
      })
    ).body
    expect(person.id).toBeTruthy()
    const sees = async (client: typeof sales) => (await client.get(`/api/v1/people/${person.id}`)).status === 200
    const listed = async (client: typeof sales) =>
      (await client.get(`/api/v1/people?q=${encodeURIComponent(person.lastName)}`)).body.data.length === 1
    expect([await sees(sales), await listed(sales), await sees(sales2)]).toEqual([true, true, false])

    expect((await admin.patch(`/api/v1/organisations/${org.id}`, { ownerId: ids['sales2@demo.crm'] })).status).toBe(200)
    expect([await sees(sales), await listed(sales), await sees(sales2), await listed(sales2)]).toEqual([
      false,
      false,
      true,
      true,
    ])

    expect((await admin.delete(`/api/v1/organisations/${org.id}`)).status).toBe(204)
    expect(await sees(sales2)).toBe(false)
  })
})
