import { describe, expect, test } from 'vitest'
import { as, eventually, unique } from '../setup/api-client.ts'

const me = async (user: Parameters<typeof as>[0]) =>
  (await (await as(user)).get('/api/v1/auth/me')).body as { id: string; teamId: string }

describe('organisations: CRUD, filters and scope', () => {
  test('a sales user creates, reads, updates and deletes their own organisation', async () => {
    const sales = await as('sales')
    const name = unique('CRUD Org')
    const created = await sales.post('/api/v1/organisations', {
      name,
      type: 'INVESTISSEUR',
      category: 'SCPI',
      amount: '125000,50',
      city: 'Lyon',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name,
      amount: '125000.50',
      pipelineStage: 'PROSPECT',
      ownerId: (await me('sales')).id,
      ownerName: 'Sarah Commerciale',
    })
    const read = await sales.get(`/api/v1/organisations/${created.body.id}`)
    expect(read.status).toBe(200)
    const updated = await sales.patch(`/api/v1/organisations/${created.body.id}`, {
      city: 'Paris',
      notes: 'Rencontré au salon',
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ city: 'Paris', notes: 'Rencontré au salon', ownerName: 'Sarah Commerciale' })
    const admin = await as('admin')
    expect((await admin.delete(`/api/v1/organisations/${created.body.id}`)).status).toBe(204)
    expect((await sales.get(`/api/v1/organisations/${created.body.id}`)).status).toBe(404)
  })

  test('invalid input answers 400 with the failing fields', async () => {
    const sales = await as('sales')
    const res = await sales.post('/api/v1/organisations', {
      name: 'X',
      type: 'INVESTISSEUR',
      amount: '12,345',
      website: 'pas une url',
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['amount', 'website']))
    const badQuery = await sales.get('/api/v1/organisations?stage=NOPE&limit=500')
    expect(badQuery.status).toBe(400)
    expect(badQuery.body.errors.map((e: { path: string }) => e.path.split('.')[0])).toEqual(
      expect.arrayContaining(['stage', 'limit']),
    )
  })

  test('an owner outside the caller’s team is refused', async () => {
    const manager = await as('manager')
    const sales2 = await me('sales2')
    const res = await manager.post('/api/v1/organisations', {
      name: unique('Owner Org'),
      type: 'EMETTEUR',
      ownerId: sales2.id,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('ownerId')
  })

  test('an organisation of another team answers 404, and a viewer cannot write', async () => {
    const sales2 = await as('sales2')
    const org = (await sales2.post('/api/v1/organisations', { name: unique('Lyon Org'), type: 'DISTRIBUTEUR' })).body
    const manager = await as('manager')
    expect((await manager.get(`/api/v1/organisations/${org.id}`)).status).toBe(404)
    expect((await manager.patch(`/api/v1/organisations/${org.id}`, { city: 'Nice' })).status).toBe(404)
    expect((await (await as('manager2')).get(`/api/v1/organisations/${org.id}`)).status).toBe(200)
    const viewer = await as('viewer')
    expect((await viewer.post('/api/v1/organisations', { name: unique('Viewer'), type: 'INVESTISSEUR' })).status).toBe(
      403,
    )
    expect((await viewer.get('/api/v1/organisations?limit=1')).status).toBe(200)
  })

  test('sales only list their own organisations; managers their team’s', async () => {
    const sales = await as('sales')
    const salesId = (await me('sales')).id
    const list = await sales.get('/api/v1/organisations?limit=100')
    expect(list.body.data.length).toBeGreaterThan(0)
    // Sales see what they own or are assigned a task on.
    for (const o of list.body.data)
      if (o.ownerId !== salesId) {
        const tasks = await sales.get(`/api/v1/tasks?organisationId=${o.id}&mine=true`)
        expect(tasks.body.data.length).toBeGreaterThan(0)
      }
    const manager = await as('manager')
    const team = (await me('manager')).teamId
    const mlist = await manager.get('/api/v1/organisations?limit=100')
    expect(mlist.body.data.every((o: { teamId: string }) => o.teamId === team)).toBe(true)
  })

  test('the list filters by type, category, stage, city, owner, active, no contact for N days and stale', async () => {
    const admin = await as('admin')
    const check = async (query: string, pred: (o: any) => boolean) => {
      const res = await admin.get(`/api/v1/organisations?limit=100&${query}`)
      expect(res.status, query).toBe(200)
      expect(res.body.data.length, query).toBeGreaterThan(0)
      expect(res.body.data.every(pred), query).toBe(true)
    }
    await check('type=EMETTEUR,DISTRIBUTEUR', (o) => ['EMETTEUR', 'DISTRIBUTEUR'].includes(o.type))
    await check('category=SCPI', (o) => o.category === 'SCPI')
    await check('stage=PROPOSITION', (o) => o.pipelineStage === 'PROPOSITION')
    // A prefix, whatever the case: other files' imports create 'lyon' beside the demo's 'Lyon'.
    await check('city=lyo', (o) => o.city.toLowerCase().startsWith('lyo'))
    const salesId = (await me('sales')).id
    await check(`ownerId=${salesId}`, (o) => o.ownerId === salesId)
    await check('active=false', (o) => o.isActive === false)
    const limit = Date.now() - 60 * 86400_000
    await check('noContactDays=60', (o) => o.lastContactAt === null || Date.parse(o.lastContactAt) < limit)
    await check('stale=true', (o) => o.isStale === true && o.pipelineStage !== 'SIGNE')
  })

  test('a page ending on a name with characters beyond Latin-1 gives a cursor that opens the next page', async () => {
    const admin = await as('admin')
    const prefix = unique('Curseur')
    for (const tail of ['日本 Capital', 'L’Épargne €', 'Ωmega'])
      expect(
        (await admin.post('/api/v1/organisations', { name: `${prefix} ${tail}`, type: 'INVESTISSEUR' })).status,
      ).toBe(201)
    const names: string[] = []
    let cursor: string | null = null
    do {
      const res: any = await admin.get(
        `/api/v1/organisations?q=${encodeURIComponent(prefix)}&sort=name&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(res.status).toBe(200)
      names.push(...res.body.data.map((o: { name: string }) => o.name))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(names.sort()).toEqual([`${prefix} L’Épargne €`, `${prefix} Ωmega`, `${prefix} 日本 Capital`].sort())
  })

  test('sorting and cursor pagination walk every row once', async () => {
    const admin = await as('admin')
    const seen: string[] = []
    let cursor: string | null = null
    let previous = Infinity
    do {
      const res: any = await admin.get(
        `/api/v1/organisations?sort=-amount&limit=40${cursor ? `&cursor=${cursor}` : ''}&stage=SIGNE`,
      )
      expect(res.status).toBe(200)
      for (const o of res.body.data) {
        const amount = Number(o.amount ?? -1)
        expect(amount).toBeLessThanOrEqual(previous)
        previous = amount
        seen.push(o.id)
      }
      cursor = res.body.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    const total = (await admin.get('/api/v1/pipeline/board?limit=1')).body.columns.find(
      (c: any) => c.stage === 'SIGNE',
    ).count
    expect(seen.length).toBe(total)
  })
})

describe('organisations: duplicate, history, bulk actions', () => {
  test('duplicating copies the identity fields, restarts the pipeline and takes overrides', async () => {
    const sales = await as('sales')
    const source = (
      await sales.post('/api/v1/organisations', {
        name: unique('Maison Mère'),
        type: 'DISTRIBUTEUR',
        category: 'OPCVM',
        pipelineStage: 'PROPOSITION',
        amount: 50000,
        address: '1 rue de la Paix',
        city: 'Paris',
        postalCode: '75002',
        notes: 'secret',
      })
    ).body
    const copy = await sales.post(`/api/v1/organisations/${source.id}/duplicate`, { city: 'Lille' })
    expect(copy.status).toBe(201)
    expect(copy.body).toMatchObject({
      name: `${source.name} (copie)`,
      type: 'DISTRIBUTEUR',
      category: 'OPCVM',
      address: '1 rue de la Paix',
      city: 'Lille',
      pipelineStage: 'PROSPECT',
      amount: null,
      notes: null,
      ownerId: source.ownerId,
    })
    expect(copy.body.id).not.toBe(source.id)
    const named = await sales.post(`/api/v1/organisations/${source.id}/duplicate`, { name: 'Filiale Nord' })
    expect(named.body.name).toBe('Filiale Nord')
    expect((await (await as('sales2')).post(`/api/v1/organisations/${source.id}/duplicate`, {})).status).toBe(404)
  })

  test('the history says who changed what and when, with names', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('History Org'), type: 'INVESTISSEUR' })).body
    await sales.patch(`/api/v1/organisations/${org.id}`, { city: 'Bordeaux', pipelineStage: 'QUALIFICATION' })
    const res = await sales.get(`/api/v1/organisations/${org.id}/history`)
    expect(res.status).toBe(200)
    expect(res.body.data.map((h: any) => h.action)).toEqual(['updated', 'created'])
    const [update] = res.body.data
    expect(update.actorName).toBe('Sarah Commerciale')
    expect(update.createdAt).toMatch(/Z$/)
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'city', from: null, to: 'Bordeaux' },
        { field: 'pipelineStage', from: 'PROSPECT', to: 'QUALIFICATION' },
      ]),
    )
    const page1 = await sales.get(`/api/v1/organisations/${org.id}/history?limit=1`)
    const page2 = await sales.get(`/api/v1/organisations/${org.id}/history?limit=1&cursor=${page1.body.nextCursor}`)
    expect(page2.body.data[0].action).toBe('created')
    expect((await (await as('sales2')).get(`/api/v1/organisations/${org.id}/history`)).status).toBe(404)
  })

  test('a bulk stage change goes through the automations and reports each failure', async () => {
    const sales = await as('sales')
    const a = (await sales.post('/api/v1/organisations', { name: unique('Bulk A'), type: 'INVESTISSEUR' })).body
    const b = (await sales.post('/api/v1/organisations', { name: unique('Bulk B'), type: 'INVESTISSEUR' })).body
    const foreign = (
      await (await as('sales2')).post('/api/v1/organisations', { name: unique('Bulk Lyon'), type: 'INVESTISSEUR' })
    ).body
    const res = await sales.post('/api/v1/organisations/bulk', {
      ids: [a.id, b.id, foreign.id],
      action: 'stage',
      value: 'QUALIFICATION',
    })
    expect(res.status).toBe(200)
    expect(res.body.succeeded.sort()).toEqual([a.id, b.id].sort())
    expect(res.body.failed).toEqual([{ id: foreign.id, status: 404, detail: expect.any(String) }])
    for (const id of [a.id, b.id]) {
      expect((await sales.get(`/api/v1/organisations/${id}`)).body.pipelineStage).toBe('QUALIFICATION')
      const tasks = await sales.get(`/api/v1/tasks?organisationId=${id}`)
      expect(tasks.body.data.map((t: any) => t.title)).toContain('Envoyer le questionnaire')
      const history = await sales.get(`/api/v1/organisations/${id}/history`)
      expect(history.body.data[0].changes.map((c: any) => c.field)).toContain('pipelineStage')
    }
    expect((await (await as('sales2')).get(`/api/v1/organisations/${foreign.id}`)).body.pipelineStage).toBe('PROSPECT')
  })

  test('bulk category and owner changes apply per item; a bad value is a 400 for the whole request', async () => {
    const manager = await as('manager')
    const salesId = (await me('sales')).id
    const a = (await manager.post('/api/v1/organisations', { name: unique('Bulk C'), type: 'EMETTEUR' })).body
    const cat = await manager.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'category', value: 'ETF' })
    expect(cat.body.succeeded).toEqual([a.id])
    const owner = await manager.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'owner', value: salesId })
    expect(owner.body.succeeded).toEqual([a.id])
    const after = (await manager.get(`/api/v1/organisations/${a.id}`)).body
    expect(after).toMatchObject({ category: 'ETF', ownerId: salesId, ownerName: 'Sarah Commerciale' })
    const bad = await manager.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'category', value: 'NOPE' })
    expect(bad.status).toBe(400)
    const badAction = await manager.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'explode' })
    expect(badAction.status).toBe(400)
    const empty = await manager.post('/api/v1/organisations/bulk', { ids: [], action: 'delete' })
    expect(empty.status).toBe(400)
  })

  test('bulk delete needs the delete permission', async () => {
    const sales = await as('sales')
    const a = (await sales.post('/api/v1/organisations', { name: unique('Bulk D'), type: 'EMETTEUR' })).body
    expect((await sales.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'delete' })).status).toBe(403)
    const manager = await as('manager')
    const res = await manager.post('/api/v1/organisations/bulk', { ids: [a.id], action: 'delete' })
    expect(res.body).toEqual({ succeeded: [a.id], failed: [] })
    expect((await sales.get(`/api/v1/organisations/${a.id}`)).status).toBe(404)
  })

  test('moving to SIGNE notifies the whole team', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Signature'), type: 'INVESTISSEUR' })).body
    await sales.patch(`/api/v1/organisations/${org.id}`, { pipelineStage: 'SIGNE' })
    const viewer = await as('viewer')
    const n = await eventually(async () =>
      (await viewer.get('/api/v1/notifications?limit=50')).body.data.find(
        (x: any) => x.type === 'organisation.signed' && x.message.includes(org.name),
      ),
    )
    expect(n.priority).toBe('HIGH')
  })
})
