// A record in scope carries the names of the records it points to (a person's organisations, a
// task's organisation and person, an interaction's organisation and people, a mandate's
// organisation); none of them may name a record outside the caller's scope (issue 10, finding 11).
// The records below are made by a Lyon sales user, then their organisation and contact are handed
// to a Paris sales user by an admin: the Lyon user keeps their own person, task, interaction and
// mandate, and must no longer read the names they point to.
import { beforeAll, describe, expect, test } from 'vitest'
import { type ApiClient, as, unique } from '../setup/api-client.ts'

let lyon: ApiClient
const secret = { organisation: unique('Secretorg'), person: unique('Secretperson') }
const ids = {} as Record<
  'organisation' | 'person' | 'contact' | 'task' | 'delegated' | 'interaction' | 'mandate',
  string
>
let contactName = ''

beforeAll(async () => {
  lyon = await as('sales2')
  const admin = await as('admin')
  const users = (await admin.get('/api/v1/users?limit=100')).body.data as { id: string; email: string }[]
  const userId = (email: string) => users.find((u) => u.email === email)!.id
  const created = async (path: string, body: unknown) => {
    const res = await lyon.post(path, body)
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201)
    return res.body.id as string
  }
  ids.organisation = await created('/api/v1/organisations', { name: secret.organisation, type: 'INVESTISSEUR' })
  ids.person = await created('/api/v1/people', {
    firstName: 'Zoé',
    lastName: secret.person,
    organisations: [{ organisationId: ids.organisation }],
  })
  contactName = unique('Visible')
  ids.contact = await created('/api/v1/people', {
    firstName: 'Paul',
    lastName: contactName,
    organisations: [{ organisationId: ids.organisation }],
  })
  ids.task = await created('/api/v1/tasks', { title: unique('Rappeler'), personId: ids.person })
  // Created by the Lyon user for a Lyon colleague: in scope as its author, not as its assignee.
  ids.delegated = await created('/api/v1/tasks', {
    title: unique('Déléguée'),
    organisationId: ids.organisation,
    personId: ids.person,
    assigneeId: userId('manager2@demo.crm'),
  })
  ids.interaction = await created('/api/v1/interactions', {
    type: 'CALL',
    organisationId: ids.organisation,
    subject: unique('Appel'),
    personIds: [ids.person, ids.contact],
  })
  ids.mandate = await created('/api/v1/mandats', { organisationId: ids.organisation })
  const paris = userId('sales@demo.crm')
  const moved = await admin.patch(`/api/v1/organisations/${ids.organisation}`, { ownerId: paris })
  expect(moved.status, JSON.stringify(moved.body)).toBe(200)
  expect((await admin.patch(`/api/v1/people/${ids.person}`, { ownerId: paris })).status).toBe(200)
})

const leaks = (body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return [secret.organisation, secret.person].filter((name) => text.includes(name))
}

async function read(path: string) {
  const res = await lyon.get(path)
  expect(res.status, path).toBe(200)
  return res.body
}

describe('a sales user of another team reads no name of a record outside their scope', () => {
  test('the organisation and the person handed over are out of scope', async () => {
    expect((await lyon.get(`/api/v1/organisations/${ids.organisation}`)).status).toBe(404)
    expect((await lyon.get(`/api/v1/people/${ids.person}`)).status).toBe(404)
  })

  test('people: their organisations', async () => {
    const detail = await read(`/api/v1/people/${ids.contact}`)
    expect(detail.lastName).toBe(contactName)
    expect(leaks(detail)).toEqual([])
    const list = await read(`/api/v1/people?q=${encodeURIComponent(contactName)}`)
    expect(list.data.map((p: { id: string }) => p.id)).toContain(ids.contact)
    expect(leaks(list)).toEqual([])
  })

  test('tasks: their organisation and person', async () => {
    for (const id of [ids.task, ids.delegated]) {
      const detail = await read(`/api/v1/tasks/${id}`)
      expect(detail.id).toBe(id)
      expect(leaks(detail)).toEqual([])
    }
    const list = await read('/api/v1/tasks?limit=100')
    expect(list.data.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([ids.task, ids.delegated]))
    expect(leaks(list)).toEqual([])
  })

  test('interactions: their organisation and people', async () => {
    const detail = await read(`/api/v1/interactions/${ids.interaction}`)
    expect(detail.people.map((p: { id: string }) => p.id)).toContain(ids.contact)
    expect(leaks(detail)).toEqual([])
    const list = await read('/api/v1/interactions?limit=100')
    expect(list.data.map((i: { id: string }) => i.id)).toContain(ids.interaction)
    expect(leaks(list)).toEqual([])
  })

  test('mandates: their organisation', async () => {
    const detail = await read(`/api/v1/mandats/${ids.mandate}`)
    expect(detail.id).toBe(ids.mandate)
    expect(leaks(detail)).toEqual([])
    const list = await read('/api/v1/mandats?limit=100')
    expect(list.data.map((m: { id: string }) => m.id)).toContain(ids.mandate)
    expect(leaks(list)).toEqual([])
  })

  test('pipeline, dashboard, notifications and search', async () => {
    for (const path of [
      '/api/v1/pipeline/board',
      '/api/v1/pipeline/analytics',
      '/api/v1/dashboard',
      '/api/v1/notifications?limit=100',
      `/api/v1/search?q=${encodeURIComponent(secret.organisation)}`,
      `/api/v1/search?q=${encodeURIComponent(secret.person)}`,
      `/api/v1/search?q=${encodeURIComponent(contactName)}`,
      `/api/v1/search/autocomplete?q=${encodeURIComponent(secret.person)}`,
    ]) {
      // A search answers the words typed (`query`): they are the caller's own, not a leak.
      const { query: _typed, ...body } = await read(path)
      expect(leaks(body), path).toEqual([])
    }
  })

  test('exports: every list as a file', async () => {
    for (const entity of ['organisations', 'people', 'mandats', 'interactions', 'tasks']) {
      const res = await lyon.get(`/api/v1/exports/${entity}.csv`)
      expect(res.status, entity).toBe(200)
      expect(leaks(res.body), entity).toEqual([])
    }
    const people = (await lyon.get('/api/v1/exports/people.csv')).body as string
    expect(people).toContain(contactName)
  })
})
