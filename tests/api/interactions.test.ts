import { describe, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString()

describe('interactions', () => {
  test(
    'an interaction on the timeline keeps the last ' + 'contact date up to date, also after edit and delete',
    async () => {
      const sales = await as('sales')
      const org = (await sales.post('/api/v1/organisations', { name: unique('Timeline'), type: 'INVESTISSEUR' })).body
      const person = (
        await sales.post('/api/v1/people', {
          firstName: 'Paul',
          lastName: unique('Contact'),
          organisations: [{ organisationId: org.id }],
        })
      ).body
      const older = await sales.post('/api/v1/interactions', {
        type: 'CALL',
        organisationId: org.id,
        occurredAt: daysAgo(10),
        subject: 'Premier appel',
        personIds: [person.id],
      })
      expect(older.status).toBe(201)
      expect(older.body).toMatchObject({
        type: 'CALL',
        organisationName: org.name,
        userName: 'Sarah Commerciale',
        people: [{ id: person.id, firstName: 'Paul' }],
      })
      const lastContact = async () => (await sales.get(`/api/v1/organisations/${org.id}`)).body.lastContactAt
      expect(await lastContact()).toBe(older.body.occurredAt)
      const newer = (
        await sales.post('/api/v1/interactions', {
          type: 'MEETING',
          organisationId: org.id,
          occurredAt: daysAgo(2),
          subject: 'Rendez-vous',
        })
      ).body
      expect(await lastContact()).toBe(newer.occurredAt)
      const moved = await sales.patch(`/api/v1/interactions/${newer.id}`, { occurredAt: daysAgo(20) })
      expect(moved.status).toBe(200)
      expect(await lastContact()).toBe(older.body.occurredAt)
      expect((await sales.delete(`/api/v1/interactions/${older.body.id}`)).status).toBe(204)
      expect(await lastContact()).toBe(moved.body.occurredAt)
      expect((await sales.delete(`/api/v1/interactions/${newer.id}`)).status).toBe(204)
      expect(await lastContact()).toBeNull()
    },
  )

  test('the timeline lists newest first and filters by organisation, person and type', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Timeline 2'), type: 'INVESTISSEUR' })).body
    const person = (
      await sales.post('/api/v1/people', {
        firstName: 'Lea',
        lastName: unique('Note'),
        organisations: [{ organisationId: org.id }],
      })
    ).body
    for (const [i, type] of (['NOTE', 'EMAIL', 'CALL'] as const).entries()) {
      await sales.post('/api/v1/interactions', {
        type,
        organisationId: org.id,
        occurredAt: daysAgo(5 - i),
        subject: `S${i}`,
        personIds: i === 1 ? [person.id] : [],
      })
    }
    const all = await sales.get(`/api/v1/interactions?organisationId=${org.id}`)
    expect(all.body.data.map((i: any) => i.subject)).toEqual(['S2', 'S1', 'S0'])
    const page1 = await sales.get(`/api/v1/interactions?organisationId=${org.id}&limit=2`)
    const page2 = await sales.get(
      `/api/v1/interactions?organisationId=${org.id}&limit=2&cursor=${page1.body.nextCursor}`,
    )
    expect(page2.body.data.map((i: any) => i.subject)).toEqual(['S0'])
    expect(
      (await sales.get(`/api/v1/interactions?personId=${person.id}`)).body.data.map((i: any) => i.subject),
    ).toEqual(['S1'])
    expect(
      (await sales.get(`/api/v1/interactions?organisationId=${org.id}&type=NOTE,CALL`)).body.data.map(
        (i: any) => i.subject,
      ),
    ).toEqual(['S2', 'S0'])
  })

  test('invalid input answers 400: unknown type, future date, empty subject, people out of scope', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Invalid'), type: 'INVESTISSEUR' })).body
    const res = await sales.post('/api/v1/interactions', {
      type: 'FAX',
      organisationId: org.id,
      occurredAt: new Date(Date.now() + 86400_000).toISOString(),
      subject: '',
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['type', 'occurredAt', 'subject']))
    const lyonPerson = (await (await as('sales2')).post('/api/v1/people', { firstName: 'X', lastName: unique('Lyon') }))
      .body
    const foreign = await sales.post('/api/v1/interactions', {
      type: 'CALL',
      organisationId: org.id,
      subject: 'x',
      personIds: [lyonPerson.id],
    })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0].path).toBe('personIds.0')
  })

  test('scope: another team’s interactions answer 404; viewers read only', async () => {
    const sales2 = await as('sales2')
    const org = (await sales2.post('/api/v1/organisations', { name: unique('Lyon Timeline'), type: 'INVESTISSEUR' }))
      .body
    const i = (
      await sales2.post('/api/v1/interactions', { type: 'NOTE', organisationId: org.id, subject: 'Confidentiel' })
    ).body
    expect((await (await as('manager')).get(`/api/v1/interactions/${i.id}`)).status).toBe(404)
    expect(
      (await (await as('sales')).post('/api/v1/interactions', { type: 'NOTE', organisationId: org.id, subject: 'x' }))
        .status,
    ).toBe(400)
    expect((await (await as('manager2')).get(`/api/v1/interactions/${i.id}`)).status).toBe(200)
    const viewer = await as('viewer')
    expect((await viewer.get('/api/v1/interactions?limit=5')).status).toBe(200)
    expect(
      (await viewer.post('/api/v1/interactions', { type: 'NOTE', organisationId: org.id, subject: 'x' })).status,
    ).toBe(403)
  })

  test('creating an interaction emits interaction.created', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Event'), type: 'INVESTISSEUR' })).body
    const i = (
      await sales.post('/api/v1/interactions', { type: 'EMAIL', organisationId: org.id, subject: 'Documentation' })
    ).body
    const events = await (await as('admin')).get('/api/v1/admin/events?type=interaction.created&limit=20')
    expect(events.body.data.length).toBeGreaterThan(0)
    expect(i.id).toBeTruthy()
  })
})
