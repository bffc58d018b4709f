// Every write operation of the API emits its event exactly once, in the write's transaction, with
// `data` holding the record as the API returns it (updatedAt included). The operations come from
// the running app's /api/openapi.json: a new POST/PUT/PATCH/DELETE under /api/v1 with neither a
// case below nor a reasoned exclusion fails the first test. Events are read back from the outbox
// through the admin events API (the file's writes run one after another: the new rows are this
// write's).
import { beforeAll, describe, expect, test } from 'vitest'
import { as, eventually, unique, type ApiClient } from '../setup/api-client.ts'
import { makeIsin } from '../../scripts/seed-data.ts'
import { settled, upload } from './imports.helpers.ts'

// Writes that change no business record, so emit no domain event, each with its reason.
const EXCLUDED: Record<string, string> = {
  // Sessions and credentials: who is signed in, not what the CRM holds (audited in the audit log).
  'POST /api/v1/auth/login': 'session',
  'POST /api/v1/auth/logout': 'session',
  'POST /api/v1/auth/logout-all': 'session',
  'DELETE /api/v1/auth/sessions/{id}': 'session',
  'POST /api/v1/auth/password': 'credentials',
  'POST /api/v1/auth/password-reset': 'credentials',
  'POST /api/v1/auth/password-reset/confirm': 'credentials',
  // Administration of accounts, teams, roles and API tokens: audited, not sent to partners.
  'POST /api/v1/users': 'administration',
  'PATCH /api/v1/users/{id}': 'administration',
  'POST /api/v1/users/{id}/unlock': 'administration',
  'POST /api/v1/users/{id}/reset-password': 'administration',
  'POST /api/v1/teams': 'administration',
  'PATCH /api/v1/teams/{id}': 'administration',
  'DELETE /api/v1/teams/{id}': 'administration',
  'PATCH /api/v1/roles/{role}': 'administration',
  'POST /api/v1/roles/{role}/reset': 'administration',
  'POST /api/v1/api-tokens': 'administration',
  'DELETE /api/v1/api-tokens/{id}': 'administration',
  // The integration itself: an endpoint's configuration, its test (webhook.test, sent to that
  // endpoint only, never emitted) and resends of events already emitted (same webhook-id).
  'POST /api/v1/webhooks': 'integration',
  'PATCH /api/v1/webhooks/{id}': 'integration',
  'DELETE /api/v1/webhooks/{id}': 'integration',
  'POST /api/v1/webhooks/{id}/rotate': 'integration',
  'POST /api/v1/webhooks/{id}/test': 'integration',
  'POST /api/v1/webhooks/deliveries/{id}/redeliver': 'integration',
  'POST /api/v1/webhooks/{id}/replay': 'integration',
  // Re-sends a stored event to the consumers (same id): emits none of its own.
  'POST /api/v1/admin/events/{id}/replay': 'replay',
  // A user's own inbox and preferences.
  'POST /api/v1/notifications/read': 'personal',
  'POST /api/v1/notifications/archive': 'personal',
  'PUT /api/v1/notifications/preferences': 'personal',
  // An export reads the data; an import's upload and dry run stage a file and change no record.
  'POST /api/v1/exports': 'read only',
  'POST /api/v1/imports': 'staging',
  'POST /api/v1/imports/{id}/dry-run': 'staging',
}

type Rec = { id: string } & Record<string, unknown>
type Payload = { id: string; type: string; occurredAt: string; actor: unknown; data: Record<string, unknown> }
type Outcome = {
  status: number
  // The record the operation answered (or, for a 204, read back): every event about it carries it.
  record?: { key: string; value: Record<string, unknown> }
}
// `prepare` makes the record the write needs (its own events are not counted); `run` is the write.
type Case = {
  name: string
  expected: string[]
  prepare?: () => Promise<Rec>
  run: (prepared: Rec) => Promise<Outcome>
}

let admin: ApiClient
const ctx = {} as Record<'org' | 'person' | 'mandate' | 'task' | 'interaction' | 'product', Rec> & { importId: string }

const newOrg = async () =>
  (await admin.post('/api/v1/organisations', { name: unique('Event org'), type: 'INVESTISSEUR' })).body
const randomIsin = () => makeIsin('FR', String(Math.floor(Math.random() * 1e9)))
const answered = (key: string, res: { status: number; body: Record<string, unknown> }): Outcome => ({
  status: res.status,
  record: { key, value: res.body },
})
// A deletion answers 204: its event carries the record as it was, with the deletion's updatedAt.
const gone = (key: string, before: Record<string, unknown>, res: { status: number }): Outcome => ({
  status: res.status,
  record: { key, value: { id: before.id } },
})
// A restore answers { type, id }, a link removal 204: the event carries the record as GET now
// returns it.
const readBack = async (key: string, path: string, res: { status: number }): Promise<Outcome> => ({
  status: res.status,
  record: { key, value: (await admin.get(path)).body },
})
const binRestore = (type: string, key: string, detail: (id: string) => string, make: () => Promise<string>) => ({
  name: `a ${key} restored from the bin`,
  expected: [`${key === 'mandate' ? 'mandat' : key}.updated`],
  prepare: async () => ({ id: await make() }),
  run: async ({ id }: Rec) => readBack(key, detail(id), await admin.post(`/api/v1/bin/${type}/${id}/restore`)),
})

const CASES: Record<string, Case[]> = {
  'POST /api/v1/organisations': [
    {
      name: 'an organisation created',
      expected: ['organisation.created'],
      run: async () => {
        const res = await admin.post('/api/v1/organisations', { name: unique('Event org'), type: 'DISTRIBUTEUR' })
        return answered('organisation', res)
      },
    },
  ],
  'PATCH /api/v1/organisations/{id}': [
    {
      name: 'an organisation edited',
      expected: ['organisation.updated'],
      run: async () =>
        answered('organisation', await admin.patch(`/api/v1/organisations/${ctx.org.id}`, { city: 'Lyon' })),
    },
    {
      name: 'an organisation moved in the pipeline (its automatic task too)',
      expected: ['organisation.stage_changed', 'organisation.updated', 'task.created'],
      run: async () =>
        answered(
          'organisation',
          await admin.patch(`/api/v1/organisations/${ctx.org.id}`, { pipelineStage: 'QUALIFICATION' }),
        ),
    },
  ],
  'DELETE /api/v1/organisations/{id}': [
    {
      name: 'an organisation deleted',
      expected: ['organisation.deleted'],
      prepare: async () => await newOrg(),
      run: async (org: Rec) => gone('organisation', org, await admin.delete(`/api/v1/organisations/${org.id}`)),
    },
  ],
  'POST /api/v1/organisations/bulk': [
    {
      name: 'a bulk change of two organisations: one event each',
      expected: ['organisation.updated', 'organisation.updated'],
      prepare: async () => ({ id: (await newOrg()).id, other: (await newOrg()).id }),
      run: async ({ id, other }) => {
        const res = await admin.post('/api/v1/organisations/bulk', {
          ids: [id, other],
          action: 'category',
          value: 'ETF',
        })
        expect(res.body.succeeded).toHaveLength(2)
        return { status: res.status }
      },
    },
  ],
  'POST /api/v1/organisations/{id}/duplicate': [
    {
      name: 'an organisation duplicated',
      expected: ['organisation.created'],
      run: async () => answered('organisation', await admin.post(`/api/v1/organisations/${ctx.org.id}/duplicate`, {})),
    },
  ],
  'POST /api/v1/people': [
    {
      name: 'a person created',
      expected: ['person.created'],
      run: async () =>
        answered('person', await admin.post('/api/v1/people', { firstName: 'Eve', lastName: unique('Event') })),
    },
  ],
  'PATCH /api/v1/people/{id}': [
    {
      name: 'a person edited',
      expected: ['person.updated'],
      run: async () =>
        answered('person', await admin.patch(`/api/v1/people/${ctx.person.id}`, { jobTitle: 'Gérante' })),
    },
  ],
  'DELETE /api/v1/people/{id}': [
    {
      name: 'a person deleted',
      expected: ['person.deleted'],
      prepare: async () => (await admin.post('/api/v1/people', { firstName: 'Del', lastName: unique('Event') })).body,
      run: async (p: Rec) => gone('person', p, await admin.delete(`/api/v1/people/${p.id}`)),
    },
  ],
  'POST /api/v1/people/{id}/organisations': [
    {
      name: 'a person linked to an organisation',
      expected: ['person.updated'],
      run: async () =>
        answered(
          'person',
          await admin.post(`/api/v1/people/${ctx.person.id}/organisations`, { organisationId: ctx.org.id, role: 'DG' }),
        ),
    },
  ],
  'PATCH /api/v1/people/{id}/organisations/{organisationId}': [
    {
      name: "a person's link edited",
      expected: ['person.updated'],
      run: async () =>
        answered(
          'person',
          await admin.patch(`/api/v1/people/${ctx.person.id}/organisations/${ctx.org.id}`, { role: 'Présidente' }),
        ),
    },
  ],
  'DELETE /api/v1/people/{id}/organisations/{organisationId}': [
    {
      name: "a person's link removed",
      expected: ['person.updated'],
      run: async () => {
        const res = await admin.delete(`/api/v1/people/${ctx.person.id}/organisations/${ctx.org.id}`)
        return readBack('person', `/api/v1/people/${ctx.person.id}`, res)
      },
    },
  ],
  'POST /api/v1/mandats': [
    {
      name: 'a mandate created',
      expected: ['mandat.created'],
      run: async () => answered('mandate', await admin.post('/api/v1/mandats', { organisationId: ctx.org.id })),
    },
  ],
  'PATCH /api/v1/mandats/{id}': [
    {
      name: 'a mandate edited',
      expected: ['mandat.updated'],
      run: async () =>
        answered('mandate', await admin.patch(`/api/v1/mandats/${ctx.mandate.id}`, { status: 'EN_NEGOCIATION' })),
    },
    {
      name: 'a mandate signed',
      expected: ['mandat.signed', 'mandat.updated'],
      run: async () => answered('mandate', await admin.patch(`/api/v1/mandats/${ctx.mandate.id}`, { status: 'SIGNE' })),
    },
  ],
  'DELETE /api/v1/mandats/{id}': [
    {
      name: 'a mandate deleted',
      expected: ['mandat.deleted'],
      prepare: async () => (await admin.post('/api/v1/mandats', { organisationId: ctx.org.id })).body,
      run: async (m: Rec) => gone('mandate', m, await admin.delete(`/api/v1/mandats/${m.id}`)),
    },
  ],
  'POST /api/v1/tasks': [
    {
      name: 'a task created',
      expected: ['task.created'],
      run: async () =>
        answered(
          'task',
          await admin.post('/api/v1/tasks', { title: unique('Event task'), organisationId: ctx.org.id }),
        ),
    },
  ],
  'PATCH /api/v1/tasks/{id}': [
    {
      name: 'a task edited',
      expected: ['task.updated'],
      run: async () => answered('task', await admin.patch(`/api/v1/tasks/${ctx.task.id}`, { priority: 'URGENT' })),
    },
    {
      name: 'a task completed',
      expected: ['task.completed', 'task.updated'],
      run: async () => answered('task', await admin.patch(`/api/v1/tasks/${ctx.task.id}`, { status: 'DONE' })),
    },
  ],
  'DELETE /api/v1/tasks/{id}': [
    {
      name: 'a task deleted',
      expected: ['task.deleted'],
      prepare: async () => (await admin.post('/api/v1/tasks', { title: unique('Del task') })).body,
      run: async (t: Rec) => gone('task', t, await admin.delete(`/api/v1/tasks/${t.id}`)),
    },
  ],
  'POST /api/v1/interactions': [
    {
      name: 'an interaction created',
      expected: ['interaction.created'],
      run: async () =>
        answered(
          'interaction',
          await admin.post('/api/v1/interactions', {
            type: 'CALL',
            organisationId: ctx.org.id,
            subject: unique('Appel'),
          }),
        ),
    },
  ],
  'PATCH /api/v1/interactions/{id}': [
    {
      name: 'an interaction edited',
      expected: ['interaction.updated'],
      run: async () =>
        answered(
          'interaction',
          await admin.patch(`/api/v1/interactions/${ctx.interaction.id}`, { summary: 'Rappeler' }),
        ),
    },
  ],
  'DELETE /api/v1/interactions/{id}': [
    {
      name: 'an interaction deleted',
      expected: ['interaction.deleted'],
      prepare: async () =>
        (
          await admin.post('/api/v1/interactions', {
            type: 'NOTE',
            organisationId: ctx.org.id,
            subject: unique('Note'),
          })
        ).body,
      run: async (i: Rec) => gone('interaction', i, await admin.delete(`/api/v1/interactions/${i.id}`)),
    },
  ],
  'POST /api/v1/products': [
    {
      name: 'a product created',
      expected: ['product.created'],
      run: async () =>
        answered('product', await admin.post('/api/v1/products', { name: unique('Fonds'), isin: randomIsin() })),
    },
  ],
  'PATCH /api/v1/products/{id}': [
    {
      name: 'a product edited',
      expected: ['product.updated'],
      run: async () =>
        answered(
          'product',
          await admin.patch(`/api/v1/products/${ctx.product.id}`, { description: 'Actions européennes' }),
        ),
    },
  ],
  'DELETE /api/v1/products/{id}': [
    {
      name: 'a product deleted',
      expected: ['product.deleted'],
      prepare: async () => (await admin.post('/api/v1/products', { name: unique('Fonds'), isin: randomIsin() })).body,
      run: async (p: Rec) => gone('product', p, await admin.delete(`/api/v1/products/${p.id}`)),
    },
  ],
  'POST /api/v1/bin/{type}/{id}/restore': [
    binRestore(
      'organisations',
      'organisation',
      (id) => `/api/v1/organisations/${id}`,
      async () => {
        const o = await newOrg()
        await admin.delete(`/api/v1/organisations/${o.id}`)
        return o.id
      },
    ),
    binRestore(
      'people',
      'person',
      (id) => `/api/v1/people/${id}`,
      async () => {
        const p = (await admin.post('/api/v1/people', { firstName: 'Bin', lastName: unique('Event') })).body
        await admin.delete(`/api/v1/people/${p.id}`)
        return p.id
      },
    ),
    binRestore(
      'mandates',
      'mandate',
      (id) => `/api/v1/mandats/${id}`,
      async () => {
        const m = (await admin.post('/api/v1/mandats', { organisationId: ctx.org.id })).body
        await admin.delete(`/api/v1/mandats/${m.id}`)
        return m.id
      },
    ),
    binRestore(
      'tasks',
      'task',
      (id) => `/api/v1/tasks/${id}`,
      async () => {
        const t = (await admin.post('/api/v1/tasks', { title: unique('Bin task') })).body
        await admin.delete(`/api/v1/tasks/${t.id}`)
        return t.id
      },
    ),
    binRestore(
      'interactions',
      'interaction',
      (id) => `/api/v1/interactions/${id}`,
      async () => {
        const body = { type: 'NOTE', organisationId: ctx.org.id, subject: unique('Bin note') }
        const i = (await admin.post('/api/v1/interactions', body)).body
        await admin.delete(`/api/v1/interactions/${i.id}`)
        return i.id
      },
    ),
    binRestore(
      'products',
      'product',
      (id) => `/api/v1/products/${id}`,
      async () => {
        const p = (await admin.post('/api/v1/products', { name: unique('Bin fonds'), isin: randomIsin() })).body
        await admin.delete(`/api/v1/products/${p.id}`)
        return p.id
      },
    ),
  ],
  // An import is one event (not one per row): its run and its undo finish in the IMPORTS queue.
  'POST /api/v1/imports/{id}/start': [
    {
      name: 'an import run',
      expected: ['import.completed'],
      run: async () => {
        const up = await upload(admin, 'organisations', 'events.csv', `nom;type\n${unique('Imp')};INVESTISSEUR\n`)
        ctx.importId = up.body.id
        const res = await admin.post(`/api/v1/imports/${ctx.importId}/start`, {
          mapping: up.body.mapping,
          mode: 'create',
        })
        await settled(admin, ctx.importId)
        return { status: res.status }
      },
    },
  ],
  'POST /api/v1/imports/{id}/revert': [
    {
      name: 'an import undone',
      expected: ['import.reverted'],
      run: async () => {
        const res = await admin.post(`/api/v1/imports/${ctx.importId}/revert`)
        await settled(admin, ctx.importId, ['reverted'])
        return { status: res.status }
      },
    },
  ],
}

const recent = async (): Promise<{ id: string }[]> => (await admin.get('/api/v1/admin/events?limit=100')).body.data

// The events a write added to the outbox, with their payloads.
async function eventsOf(c: Case) {
  const prepared = c.prepare ? await c.prepare() : ({ id: '' } as Rec)
  const before = new Set((await recent()).map((e) => e.id))
  const outcome = await c.run(prepared)
  const expected = c.expected.length
  // Imports commit their event from the queue consumer: wait for it, then a little more, so a
  // second one would be seen too.
  const fresh = async () => (await recent()).filter((e) => !before.has(e.id))
  await eventually(async () => (await fresh()).length >= expected, { timeout: 20_000 }).catch(() => {})
  await new Promise((r) => setTimeout(r, 300))
  const events = await fresh()
  const payloads = await Promise.all(
    events.map(async (e) => (await admin.get(`/api/v1/admin/events/${e.id}`)).body.payload as Payload),
  )
  return { outcome, payloads }
}

const writeOperations = async () => {
  const doc = (await admin.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
}

beforeAll(async () => {
  admin = await as('admin')
  ctx.org = await newOrg()
  ctx.person = (await admin.post('/api/v1/people', { firstName: 'Ada', lastName: unique('Event') })).body
  ctx.mandate = (await admin.post('/api/v1/mandats', { organisationId: ctx.org.id })).body
  ctx.task = (await admin.post('/api/v1/tasks', { title: unique('Event task'), organisationId: ctx.org.id })).body
  ctx.interaction = (
    await admin.post('/api/v1/interactions', { type: 'EMAIL', organisationId: ctx.org.id, subject: unique('Mail') })
  ).body
  ctx.product = (await admin.post('/api/v1/products', { name: unique('Fonds'), isin: randomIsin() })).body
})

describe('every write operation of the API emits its event', () => {
  test('each write operation of openapi.json has a case here or a reasoned exclusion, and no stale entry', async () => {
    const ops = await writeOperations()
    expect(ops.length).toBeGreaterThan(40)
    const uncovered = ops.filter((op) => !(op in CASES) && !(op in EXCLUDED))
    expect(uncovered, 'write routes with no event case and no exclusion').toEqual([])
    const stale = [...Object.keys(CASES), ...Object.keys(EXCLUDED)].filter((op) => !ops.includes(op))
    expect(stale, 'entries naming no operation of openapi.json').toEqual([])
  })

  const all = Object.entries(CASES).flatMap(([op, cases]) => cases.map((c) => ({ op, ...c })))
  test.each(all)('$op — $name: exactly $expected', async (c) => {
    const { expected } = c
    const { outcome, payloads } = await eventsOf(c)
    expect(outcome.status).toBeLessThan(300)
    expect(payloads.map((p) => p.type).sort()).toEqual([...expected].sort())
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length)
    for (const p of payloads) {
      expect(Date.parse(p.occurredAt), p.type).not.toBeNaN()
      if (p.type.startsWith('import.')) continue
      // The record sits under its subject's name (jsonb reorders keys: not the first one).
      const subject = p.type.split('.')[0]!
      const record = p.data[subject === 'mandat' ? 'mandate' : subject] as Record<string, unknown> | undefined
      expect(record?.updatedAt, p.type).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
    }
    if (!outcome.record) return
    const { key, value } = outcome.record
    const about = payloads.filter((p) => (p.data[key] as { id?: string } | undefined)?.id === value.id)
    expect(about.length, `events about the ${key}`).toBeGreaterThan(0)
    for (const p of about) {
      if (Object.keys(value).length === 1) expect(Object.keys(p.data[key] as object).length, p.type).toBeGreaterThan(5)
      // The record exactly as the API answered it: one shape, not a second one for events.
      else expect(p.data[key], p.type).toEqual(value)
    }
  })
})
