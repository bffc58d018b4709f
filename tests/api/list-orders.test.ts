// The lists read along indexes of their keyset (migration 0014): every page walk, whatever its page
// size, gives the order the list promises, computed here from the rows themselves. The tasks by
// due date read their overdue and other parts apart, so a page that ends one part goes on in the
// other; the timestamps of the keys are compared at the millisecond, ties broken by id.
import { describe, expect, test } from 'vitest'
import { as, unique, type ApiClient } from '../setup/api-client.ts'
import { settled, upload } from './imports.helpers.ts'

const DAY = 86400_000
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString()

async function walk(client: ApiClient, path: string, limit: number) {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await client.get(`${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.data.length).toBeLessThanOrEqual(limit)
    ids.push(...res.body.data.map((r: { id: string }) => r.id))
    cursor = res.body.nextCursor
  } while (cursor)
  return ids
}

type Person = { id: string; firstName: string; lastName: string; createdAt: string }
type Task = { id: string; status: string; dueAt: string | null; createdAt: string }
const OPEN = ['TODO', 'IN_PROGRESS']
const overdue = (t: Task) => OPEN.includes(t.status) && t.dueAt !== null && Date.parse(t.dueAt) < Date.now()
// Postgres orders uuids as their lowercase hex text.
const byKeys =
  <T>(keys: (t: T) => (number | string)[]) =>
  (a: T, b: T) => {
    const ka = keys(a)
    const kb = keys(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1
    return 0
  }
const dueOrder = byKeys((t: Task) => [
  overdue(t) ? 0 : 1,
  t.dueAt ? Date.parse(t.dueAt) : Number.POSITIVE_INFINITY,
  t.id,
])
const createdOrder = byKeys((t: Task) => [Date.parse(t.createdAt), t.id])

describe('list orders', () => {
  test('tasks by due date: overdue open ones first, then the rest by due, undated last, any page size', async () => {
    const admin = await as('admin')
    const org = (await admin.post('/api/v1/organisations', { name: unique('Ordre tâches'), type: 'INVESTISSEUR' })).body
    const sameDue = at(-2)
    const specs: [number | null, string][] = [
      [-3, 'TODO'],
      [-2, 'IN_PROGRESS'],
      [null, 'TODO'],
      [-5, 'DONE'],
      [-1, 'CANCELLED'],
      [4, 'TODO'],
      [1, 'IN_PROGRESS'],
      [null, 'DONE'],
      [-10, 'TODO'],
      [6, 'DONE'],
      [-20, 'DONE'],
    ]
    const tasks: Task[] = []
    for (const [days, status] of specs) {
      const created = await admin.post('/api/v1/tasks', {
        title: unique('Ordre'),
        organisationId: org.id,
        ...(days === null ? {} : { dueAt: days === -2 ? sameDue : at(days) }),
      })
      expect(created.status).toBe(201)
      const task = status === 'TODO' ? created : await admin.patch(`/api/v1/tasks/${created.body.id}`, { status })
      tasks.push(task.body)
    }
    // Two open tasks due at the same instant: the id decides.
    for (let i = 0; i < 2; i++)
      tasks.push(
        (await admin.post('/api/v1/tasks', { title: unique('Ex aequo'), organisationId: org.id, dueAt: sameDue })).body,
      )

    const list = `/api/v1/tasks?organisationId=${org.id}`
    const expected = [...tasks].sort(dueOrder).map((t) => t.id)
    expect(expected.slice(0, 5).every((id) => overdue(tasks.find((t) => t.id === id)!))).toBe(true)
    for (const limit of [1, 2, 3, 5, 100]) expect(await walk(admin, list, limit)).toEqual(expected)
    const overdueIds = tasks
      .filter(overdue)
      .sort(dueOrder)
      .map((t) => t.id)
    for (const limit of [1, 4]) {
      expect(await walk(admin, `${list}&overdue=true`, limit)).toEqual(overdueIds)
      expect(await walk(admin, `${list}&overdue=false`, limit)).toEqual(
        expected.filter((id) => !overdueIds.includes(id)),
      )
    }
    // A cursor from the overdue part, reused with overdue=false: the later part from its start.
    const first: any = await admin.get(`${list}&limit=1`)
    const later = expected.filter((id) => !overdueIds.includes(id))
    const reused: any = await admin.get(`${list}&overdue=false&limit=100&cursor=${first.body.nextCursor}`)
    expect(reused.body.data.map((t: Task) => t.id)).toEqual(later)
    const open = tasks.filter((t) => OPEN.includes(t.status)).sort(dueOrder)
    expect(await walk(admin, `${list}&status=TODO,IN_PROGRESS`, 2)).toEqual(open.map((t) => t.id))
    const created = [...tasks].sort(createdOrder).map((t) => t.id)
    expect(await walk(admin, `${list}&sort=createdAt`, 3)).toEqual(created)
    expect(await walk(admin, `${list}&sort=-createdAt`, 3)).toEqual([...created].reverse())
  })

  test('interactions newest first at the millisecond, ties by id, any page size', async () => {
    const admin = await as('admin')
    const org = (await admin.post('/api/v1/organisations', { name: unique('Ordre échanges'), type: 'INVESTISSEUR' }))
      .body
    const same = at(-1)
    const made: { id: string; occurredAt: string }[] = []
    for (const occurredAt of [at(-3), same, at(-0.5), same, at(-7), same]) {
      const res = await admin.post('/api/v1/interactions', {
        type: 'CALL',
        subject: unique('Appel'),
        organisationId: org.id,
        occurredAt,
      })
      expect(res.status).toBe(201)
      made.push(res.body)
    }
    const expected = [...made]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
      .map((i) => i.id)
    for (const limit of [1, 2, 4, 100])
      expect(await walk(admin, `/api/v1/interactions?organisationId=${org.id}`, limit)).toEqual(expected)
  })

  test('the text filter finds a person by either name, "First Last" or email, an organisation by name', async () => {
    const admin = await as('admin')
    const tag = unique('Zq').replace(/\W/g, '').toLowerCase()
    const make = async (firstName: string, lastName: string, personalEmail?: string) =>
      (await admin.post('/api/v1/people', { firstName, lastName, ...(personalEmail ? { personalEmail } : {}) })).body.id
    const byFirst = await make(`Ana${tag}x`, 'Durand')
    const byLast = await make('Paul', `Mor${tag}y`)
    const byEmail = await make('Léa', 'Roux', `lea.${tag}@exemple.fr`)
    const across = await make(`Jean${tag}`, 'Valjean')
    const found = async (q: string) =>
      (await admin.get(`/api/v1/people?q=${encodeURIComponent(q)}&limit=100`)).body.data.map((p: any) => p.id).sort()
    expect(await found(tag)).toEqual([byFirst, byLast, byEmail, across].sort())
    expect(await found(`${tag.toUpperCase()} VALJ`)).toEqual([across])
    expect(await found(`${tag}@exemple`)).toEqual([byEmail])
    expect(await found(`${tag}%`)).toEqual([])
    const org = (await admin.post('/api/v1/organisations', { name: `Fonds ${tag} Capital`, type: 'INVESTISSEUR' })).body
    const orgs = await admin.get(`/api/v1/organisations?q=${tag.toUpperCase()}`)
    expect(orgs.body.data.map((o: any) => o.id)).toEqual([org.id])
  })

  test("a text search on people pages by cursor in every order and stays within the caller's scope", async () => {
    const admin = await as('admin')
    const sales = await as('sales')
    const tag = unique('Pg').replace(/\W/g, '').toLowerCase()
    const make = (client: ApiClient, firstName: string, lastName: string) =>
      client.post('/api/v1/people', { firstName, lastName }).then((r) => r.body as Person)
    // Ties on the last name, so the first name and then the id order them.
    const made = [
      await make(admin, 'bea', `Mor${tag}`),
      await make(admin, 'ana', `Mor${tag}`),
      await make(admin, 'ana', `Mor${tag}`),
      await make(sales, 'cyr', `Lam${tag}`),
      await make(sales, 'dan', `Mor${tag}`),
      await make(admin, 'eve', `Bel${tag}`),
    ]
    const orders: Record<string, (a: Person, b: Person) => number> = {
      lastName: byKeys((p: Person) => [p.lastName, p.firstName, p.id]),
      createdAt: byKeys((p: Person) => [Date.parse(p.createdAt), p.id]),
    }
    const seen = await Promise.all(made.map(async (p) => (await sales.get(`/api/v1/people/${p.id}`)).status === 200))
    const theirs = made.filter((_, i) => seen[i])
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.length).toBeLessThan(made.length)
    // Three letters or more go through the trigram indexes first; "Mo" walks the list's order.
    for (const q of [tag, `mor${tag}`]) {
      for (const sort of ['lastName', '-lastName', 'createdAt', '-createdAt']) {
        const order = orders[sort.replace('-', '')]!
        for (const [client, people] of [
          [admin, made],
          [sales, theirs],
        ] as const) {
          const matching = people.filter((p) => `${p.firstName} ${p.lastName}`.toLowerCase().includes(q))
          const expected = [...matching].sort((a, b) => (sort.startsWith('-') ? order(b, a) : order(a, b)))
          for (const limit of [1, 2, 100]) {
            const ids = await walk(client, `/api/v1/people?q=${q}&sort=${sort}`, limit)
            expect(ids, `${q} ${sort} ${limit}`).toEqual(expected.map((p) => p.id))
          }
        }
      }
    }
    const short = await walk(admin, `/api/v1/people?q=Mo&sort=-createdAt`, 100)
    expect(short.filter((id) => made.some((p) => p.id === id))).toEqual(
      made
        .filter((p) => p.lastName.startsWith('Mor'))
        .sort((a, b) => orders.createdAt!(b, a))
        .map((p) => p.id),
    )
  })

  test('organisations imported together (one instant to the microsecond) page by time once each, either way', {
    timeout: 90_000,
  }, async () => {
    const manager = await as('manager')
    const tag = unique('Lot').replace(/\W/g, '')
    const csv = `nom;type\n${Array.from({ length: 7 }, (_, i) => `${tag} ${i};INVESTISSEUR`).join('\n')}\n`
    const up = await upload(manager, 'organisations', 'lot.csv', csv)
    expect(up.status).toBe(201)
    expect(
      (await manager.post(`/api/v1/imports/${up.body.id}/start`, { mapping: up.body.mapping, mode: 'create' })).status,
    ).toBe(202)
    expect((await settled(manager, up.body.id)).counts.created).toBe(7)
    const all = await walk(manager, `/api/v1/organisations?q=${tag}&sort=name`, 100)
    expect(all).toHaveLength(7)
    for (const sort of ['createdAt', '-createdAt', 'stageChangedAt', '-stageChangedAt']) {
      const ids = await walk(manager, `/api/v1/organisations?q=${tag}&sort=${sort}`, 2)
      expect([...ids].sort(), sort).toEqual([...all].sort())
      // One instant: the id orders them, one way or the other.
      const byId = [...all].sort()
      expect(ids, sort).toEqual(sort.startsWith('-') ? byId.reverse() : byId)
    }
  })
})
