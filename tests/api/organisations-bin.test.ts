import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { as, unique } from '../setup/api-client.ts'
import { ownDatabase } from '../setup/own-database.ts'
import { listBin, purgeBin } from '../../worker/bin/bin.service.ts'
import { BinListQuery } from '../../worker/bin/bin.schema.ts'

describe('the bin', () => {
  test('a deleted organisation is listed in the bin with who deleted it, and restored with its links', async () => {
    const manager = await as('manager')
    const admin = await as('admin')
    const org = (await manager.post('/api/v1/organisations', { name: unique('Corbeille'), type: 'INVESTISSEUR' })).body
    const person = (
      await manager.post('/api/v1/people', {
        firstName: 'Gardé',
        lastName: unique('Lien'),
        organisations: [{ organisationId: org.id, role: 'DG', isPrimary: true }],
      })
    ).body
    expect((await manager.delete(`/api/v1/organisations/${org.id}`)).status).toBe(204)
    expect((await manager.get(`/api/v1/people/${person.id}`)).body.organisations).toEqual([])

    const bin = await admin.get('/api/v1/bin?type=organisations')
    expect(bin.status).toBe(200)
    const item = bin.body.data.find((i: any) => i.id === org.id)
    expect(item).toMatchObject({ type: 'organisations', label: org.name, deletedByName: 'Marc Manager' })
    expect(Date.parse(item.purgeAt) - Date.parse(item.deletedAt)).toBe(30 * 86400_000)

    const restored = await admin.post(`/api/v1/bin/organisations/${org.id}/restore`)
    expect(restored.status).toBe(200)
    expect((await manager.get(`/api/v1/organisations/${org.id}`)).status).toBe(200)
    expect((await manager.get(`/api/v1/people/${person.id}`)).body.organisations).toEqual([
      expect.objectContaining({ organisationId: org.id, role: 'DG', isPrimary: true }),
    ])
    expect((await admin.get('/api/v1/bin?type=organisations')).body.data.some((i: any) => i.id === org.id)).toBe(false)
    const history = await manager.get(`/api/v1/organisations/${org.id}/history`)
    expect(history.body.data.map((h: any) => h.action).slice(0, 2)).toEqual(['restored', 'deleted'])
    // The lists were refreshed: the organisation is back in them.
    const list = await manager.get(`/api/v1/organisations?q=${encodeURIComponent(org.name)}`)
    expect(list.body.data.map((o: any) => o.id)).toEqual([org.id])
  })

  test('only admins see and restore the bin', async () => {
    for (const user of ['manager', 'sales', 'viewer'] as const) {
      const client = await as(user)
      expect((await client.get('/api/v1/bin')).status).toBe(403)
      expect((await client.post(`/api/v1/bin/organisations/${crypto.randomUUID()}/restore`)).status).toBe(403)
    }
  })

  test('a child record cannot come back before its organisation; unknown items answer 404', async () => {
    const manager = await as('manager')
    const admin = await as('admin')
    const org = (await manager.post('/api/v1/organisations', { name: unique('Parent'), type: 'INVESTISSEUR' })).body
    const mandate = (await manager.post('/api/v1/mandats', { organisationId: org.id })).body
    expect((await manager.delete(`/api/v1/mandats/${mandate.id}`)).status).toBe(204)
    expect((await manager.delete(`/api/v1/organisations/${org.id}`)).status).toBe(204)
    const blocked = await admin.post(`/api/v1/bin/mandates/${mandate.id}/restore`)
    expect(blocked.status).toBe(409)
    expect(blocked.body.detail).toContain("restaurez d'abord l'organisation")
    expect((await admin.post(`/api/v1/bin/organisations/${org.id}/restore`)).status).toBe(200)
    expect((await admin.post(`/api/v1/bin/mandates/${mandate.id}/restore`)).status).toBe(200)
    expect((await manager.get(`/api/v1/mandats/${mandate.id}`)).status).toBe(200)
    expect((await admin.post(`/api/v1/bin/mandates/${mandate.id}/restore`)).status).toBe(404)
    expect((await admin.post(`/api/v1/bin/planets/${mandate.id}/restore`)).status).toBe(400)
  })

  test('people and products go to the bin too, and the bin paginates newest first', async () => {
    const admin = await as('admin')
    const p = (await admin.post('/api/v1/people', { firstName: 'Bin', lastName: unique('Person') })).body
    expect((await admin.delete(`/api/v1/people/${p.id}`)).status).toBe(204)
    const product = (await admin.post('/api/v1/products', { name: unique('Bin Product'), isin: 'FR0000131104' })).body
    expect((await admin.delete(`/api/v1/products/${product.id}`)).status).toBe(204)
    const page1 = await admin.get('/api/v1/bin?limit=1')
    expect(page1.body.data[0]).toMatchObject({
      type: 'products',
      id: product.id,
      label: `${product.name} (FR0000131104)`,
      deletedByName: 'Alice Admin',
    })
    const page2 = await admin.get(`/api/v1/bin?limit=1&cursor=${page1.body.nextCursor}`)
    expect(page2.body.data[0]).toMatchObject({ type: 'people', id: p.id, label: `Bin ${p.lastName}` })
    // Restored, the product keeps its ISIN (unique across the bin too).
    expect((await admin.post(`/api/v1/bin/products/${product.id}/restore`)).status).toBe(200)
    expect((await admin.get(`/api/v1/products/${product.id}`)).body.isin).toBe('FR0000131104')
  })
})

describe('the bin in its own database', () => {
  const own = ownDatabase()

  test('the bin pages newest first across its kinds, ties at one instant by id, any page size', async () => {
    const { db } = own
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()
    // Three rows binned at one instant (one bulk delete), the others apart, and one past 30 days.
    const shared = ago(5)
    const binned: { type: string; id: string; at: string }[] = []
    const add = async (type: string, at: string, insert: (id: string) => ReturnType<typeof sql>) => {
      const id = crypto.randomUUID()
      await db.execute(insert(id))
      binned.push({ type, id, at })
    }
    const org = (at: string) => (id: string) =>
      sql`insert into organisations (id, name, type, deleted_at) values (${id}, ${id}, 'INVESTISSEUR', ${at})`
    const person = (at: string) => (id: string) =>
      sql`insert into people (id, first_name, last_name, deleted_at) values (${id}, 'Bin', ${id}, ${at})`
    for (const at of [shared, ago(1), ago(60 * 24)]) await add('organisations', at, org(at))
    for (const at of [shared, shared, ago(3), ago(60 * 24 * 29)]) await add('people', at, person(at))
    const parent = binned[0]!.id
    await db.execute(sql`insert into tasks (id, title, organisation_id, deleted_at)
      values (${crypto.randomUUID()}, 'old', ${parent}, ${ago(60 * 24 * 31)})`)
    const taskId = crypto.randomUUID()
    await db.execute(sql`insert into tasks (id, title, organisation_id, deleted_at)
      values (${taskId}, 'binned', ${parent}, ${ago(2)})`)
    binned.push({ type: 'tasks', id: taskId, at: ago(2) })
    const expected = [...binned]
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1))
      .map((b) => `${b.type}:${b.id}`)
    for (const limit of [1, 2, 3, 50]) {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await listBin(db, BinListQuery.parse({ limit: String(limit), ...(cursor ? { cursor } : {}) }))
        expect(page.data.length).toBeLessThanOrEqual(limit)
        seen.push(...page.data.map((d) => `${d.type}:${d.id}`))
        cursor = page.nextCursor ?? undefined
      } while (cursor && seen.length <= binned.length)
      expect(seen, `limit ${limit}`).toEqual(expected)
    }
    const people = await listBin(db, BinListQuery.parse({ type: 'people', limit: '2' }))
    expect(people.data.map((d) => `${d.type}:${d.id}`)).toEqual(
      expected.filter((e) => e.startsWith('people')).slice(0, 2),
    )
  })
})

describe('the daily bin purge', () => {
  const own = ownDatabase()

  test(
    'removes what has been in the bin for more than 30 days, keeps the rest and the people of a purged ' +
      'organisation',
    async () => {
      const { db } = own
      const org = (id: string, days: number | null) => sql`insert into organisations (id, name, type, deleted_at)
      values (${id}, ${id}, 'INVESTISSEUR',
      ${days === null ? null : new Date(Date.now() - days * 86400_000).toISOString()})`
      const [old, recent, live] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
      await db.execute(org(old, 31))
      await db.execute(org(recent, 29))
      await db.execute(org(live, null))
      const person = crypto.randomUUID()
      await db.execute(sql`insert into people (id, first_name, last_name) values (${person}, 'Reste', 'Là')`)
      await db.execute(sql`insert into person_organisations (person_id, organisation_id) values (${person}, ${old})`)
      await db.execute(sql`insert into mandates (number, organisation_id) values ('M-2020-001', ${old})`)

      expect(await purgeBin(db)).toBe(1)
      const ids = (await db.execute<{ id: string }>(sql`select id from organisations`)).rows.map((r) => r.id).sort()
      expect(ids).toEqual([recent, live].sort())
      expect((await db.execute(sql`select 1 from people where id = ${person}`)).rows).toHaveLength(1)
      expect((await db.execute(sql`select 1 from person_organisations where person_id = ${person}`)).rows).toHaveLength(
        0,
      )
      expect((await db.execute(sql`select 1 from mandates`)).rows).toHaveLength(0)
      // The purged name no longer autocompletes: the database dropped its beginnings.
      const tails = await db.execute<{ record_id: string }>(
        sql`select distinct record_id from search_name_tails where kind = 'organisations'`,
      )
      expect(tails.rows.map((r) => r.record_id).sort()).toEqual([recent, live].sort())
    },
  )
})
