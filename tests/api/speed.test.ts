// Serving and speed (issue 16): what each request reports about its own cost, the page view's
// single connection and session look-up, the cache statistics, and the sales scope of people
// kept by the database.
import { describe, expect, test } from 'vitest'
import { as, baseURL, eventually, unique } from '../setup/api-client.ts'

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

  test('an organisation and a person are each read in one statement beside the session look-up', async () => {
    const admin = await as('admin')
    const org = (await admin.post('/api/v1/organisations', { name: unique('Détail'), type: 'EMETTEUR' })).body
    const person = (
      await admin.post('/api/v1/people', {
        firstName: 'Une',
        lastName: unique('Lecture'),
        organisations: [{ organisationId: org.id, role: 'Gérante' }],
      })
    ).body
    for (const path of [`/api/v1/organisations/${org.id}`, `/api/v1/people/${person.id}`]) {
      // The session's last-seen time is written at most once a minute: one of two reads in a row
      // shows the bare count.
      const reads = [await admin.get(path), await admin.get(path)]
      for (const r of reads) expect(r.status, path).toBe(200)
      const statements = reads.map((r) => dbOf(r.headers.get('server-timing')).statements)
      expect(Math.min(...statements), path).toBe(2)
    }
    const read = (await admin.get(`/api/v1/people/${person.id}`)).body
    expect(read.organisations).toMatchObject([{ organisationId: org.id, organisationName: org.name, role: 'Gérante' }])
    expect(read.ownerName).toBeTruthy()
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
    // Other test files' writes move the lists' version meanwhile: ask until a read is a hit.
    await eventually(async () => (await admin.get(path)).headers.get('x-cache') === 'HIT')
    const after = (await admin.get('/api/v1/admin/cache-stats')).body
    expect(after.hits).toBeGreaterThanOrEqual(before.hits + 1)
    expect(after.misses).toBeGreaterThanOrEqual(before.misses + 1)
    expect(after.hit_rate).toBeCloseTo(after.hits / (after.hits + after.misses), 3)
    expect((await (await as('manager')).get('/api/v1/admin/cache-stats')).status).toBe(403)
  })

  test(
    'stage totals kept by the database equal a count of the organisations, through moves, owner changes and ' +
      'the bin',
    async () => {
      const [admin, sales] = [await as('admin'), await as('sales')]
      const ids = Object.fromEntries(
        (await admin.get('/api/v1/users?active=true')).body.data.map((u: { email: string; id: string }) => [
          u.email,
          u.id,
        ]),
      )
      const org = (
        await sales.post('/api/v1/organisations', { name: unique('Totaux'), type: 'DISTRIBUTEUR', amount: '1234.56' })
      ).body
      await sales.patch(`/api/v1/organisations/${org.id}`, { pipelineStage: 'PROPOSITION', amount: '2000.01' })
      await admin.patch(`/api/v1/organisations/${org.id}`, { ownerId: ids['manager2@demo.crm'] })
      const gone = (await sales.post('/api/v1/organisations', { name: unique('Corbeille'), type: 'EMETTEUR' })).body
      expect((await admin.delete(`/api/v1/organisations/${gone.id}`)).status).toBe(204)
      // An inactive one: the board of active organisations takes it away from the kept totals.
      const asleep = (
        await sales.post('/api/v1/organisations', { name: unique('Inactive'), type: 'EMETTEUR', amount: '10.05' })
      ).body
      expect((await sales.patch(`/api/v1/organisations/${asleep.id}`, { isActive: false })).body.isActive).toBe(false)

      for (const user of ['admin', 'manager', 'manager2', 'sales'] as const) {
        const client = await as(user)
        // Unfiltered and active=true, the board reads the kept totals (less the inactive ones);
        // active=false is counted from the table itself: together they must give the unfiltered.
        const board = async (query: string) =>
          (await client.get(`/api/v1/pipeline/board?limit=1${query}`)).body.columns as {
            stage: string
            count: number
            totalAmount: string
          }[]
        const [all, on, off] = [await board(''), await board('&active=true'), await board('&active=false')]
        if (user !== 'manager2')
          expect(
            off.reduce((n, c) => n + c.count, 0),
            user,
          ).toBeGreaterThan(0)
        for (const [i, column] of all.entries()) {
          expect(column.count, `${user} ${column.stage}`).toBe(on[i]!.count + off[i]!.count)
          expect(Number(column.totalAmount), `${user} ${column.stage}`).toBeCloseTo(
            Number(on[i]!.totalAmount) + Number(off[i]!.totalAmount),
            2,
          )
        }
        // The dashboard's stale count against the list of stale organisations, page by page.
        let stale = 0
        let cursor: string | null = ''
        while (cursor !== null) {
          const page: { body: { data: unknown[]; nextCursor: string | null } } = await client.get(
            `/api/v1/organisations?stale=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          )
          stale += page.body.data.length
          cursor = page.body.nextCursor
        }
        expect((await client.get('/api/v1/dashboard')).body.staleOrganisations, user).toBe(stale)
      }
    },
  )

  test('a write drops the dashboards it changes (admins, its team, its owner) and keeps the others', async () => {
    const users = ['admin', 'manager', 'sales', 'manager2', 'sales2'] as const
    const cache = async (user: (typeof users)[number]) =>
      (await (await as(user)).get('/api/v1/dashboard')).headers.get('x-cache')
    for (const u of users) await cache(u)
    for (const u of users) expect(await cache(u), u).toBe('HIT')
    const sales = await as('sales')
    expect((await sales.post('/api/v1/organisations', { name: unique('Tableau'), type: 'INVESTISSEUR' })).status).toBe(
      201,
    )
    const after = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await cache(u)])))
    expect(after).toEqual({ admin: 'MISS', manager: 'MISS', sales: 'MISS', manager2: 'HIT', sales2: 'HIT' })
    // The events consumer narrows its own invalidation the same way, a moment later.
    await new Promise((r) => setTimeout(r, 4000))
    expect(await cache('manager2')).toBe('HIT')
    expect(await cache('sales2')).toBe('HIT')
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
