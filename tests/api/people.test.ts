import { describe, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'

const newOrg = async (user: Parameters<typeof as>[0] = 'sales') =>
  (await (await as(user)).post('/api/v1/organisations', { name: unique('People Org'), type: 'INVESTISSEUR' })).body

describe('people', () => {
  test('a person is created with links, read, updated and deleted', async () => {
    const sales = await as('sales')
    const org = await newOrg()
    const created = await sales.post('/api/v1/people', {
      firstName: 'Jeanne',
      lastName: unique('Durand'),
      personalEmail: 'Jeanne.D@Exemple.fr',
      jobTitle: 'DAF',
      organisations: [
        {
          organisationId: org.id,
          role: 'Directrice financière',
          workEmail: 'jd@org.fr',
          workPhone: '01 23 45 67 89',
          isPrimary: true,
        },
      ],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      firstName: 'Jeanne',
      personalEmail: 'jeanne.d@exemple.fr',
      ownerName: 'Sarah Commerciale',
      organisations: [
        {
          organisationId: org.id,
          organisationName: org.name,
          role: 'Directrice financière',
          workEmail: 'jd@org.fr',
          isPrimary: true,
        },
      ],
    })
    const id = created.body.id
    expect((await sales.get(`/api/v1/people/${id}`)).body.fullName).toBe(`Jeanne ${created.body.lastName}`)
    const updated = await sales.patch(`/api/v1/people/${id}`, { jobTitle: 'CFO', personalPhone: '' })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ jobTitle: 'CFO', personalPhone: null })
    expect(updated.body.organisations).toHaveLength(1)
    const history = await sales.get(`/api/v1/people/${id}/history`)
    expect(history.body.data[0].changes).toEqual(
      expect.arrayContaining([{ field: 'jobTitle', from: 'DAF', to: 'CFO' }]),
    )
    // Sales may not delete people (the matrix), a manager may.
    expect((await sales.delete(`/api/v1/people/${id}`)).status).toBe(403)
    expect((await (await as('manager')).delete(`/api/v1/people/${id}`)).status).toBe(204)
    expect((await sales.get(`/api/v1/people/${id}`)).status).toBe(404)
  })

  test('invalid input answers 400 with the failing fields', async () => {
    const sales = await as('sales')
    const res = await sales.post('/api/v1/people', {
      firstName: '',
      lastName: 'X',
      personalEmail: 'nope',
      organisations: [{ organisationId: 'not-a-uuid' }],
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['firstName', 'personalEmail', 'organisations.0.organisationId']),
    )
    const foreign = await newOrg('sales2')
    const outOfScope = await sales.post('/api/v1/people', {
      firstName: 'A',
      lastName: 'B',
      organisations: [{ organisationId: foreign.id }],
    })
    expect(outOfScope.status).toBe(400)
    expect(outOfScope.body.errors).toEqual([
      { path: 'organisations.0.organisationId', message: 'Organisation introuvable.' },
    ])
    const org = await newOrg()
    const twice = await sales.post('/api/v1/people', {
      firstName: 'A',
      lastName: 'B',
      organisations: [{ organisationId: org.id }, { organisationId: org.id }],
    })
    expect(twice.status).toBe(400)
  })

  test('one primary contact per organisation: a new primary unsets the previous one', async () => {
    const sales = await as('sales')
    const org = await newOrg()
    const a = (
      await sales.post('/api/v1/people', {
        firstName: 'Alain',
        lastName: unique('Premier'),
        organisations: [{ organisationId: org.id, isPrimary: true }],
      })
    ).body
    const b = (
      await sales.post('/api/v1/people', {
        firstName: 'Bea',
        lastName: unique('Second'),
        organisations: [{ organisationId: org.id, role: 'Analyste' }],
      })
    ).body
    const promoted = await sales.patch(`/api/v1/people/${b.id}/organisations/${org.id}`, { isPrimary: true })
    expect(promoted.status).toBe(200)
    expect(promoted.body.organisations[0]).toMatchObject({ isPrimary: true, role: 'Analyste' })
    expect((await sales.get(`/api/v1/people/${a.id}`)).body.organisations[0].isPrimary).toBe(false)
    const contacts = await sales.get(`/api/v1/organisations/${org.id}/contacts`)
    expect(contacts.status).toBe(200)
    expect(contacts.body.data.map((c: any) => [c.id, c.isPrimary])).toEqual([
      [b.id, true],
      [a.id, false],
    ])
  })

  test('a person links to several organisations and a link can be removed', async () => {
    const sales = await as('sales')
    const [o1, o2] = [await newOrg(), await newOrg()]
    const p = (await sales.post('/api/v1/people', { firstName: 'Multi', lastName: unique('Liens') })).body
    expect(
      (await sales.post(`/api/v1/people/${p.id}/organisations`, { organisationId: o1.id, role: 'Conseil' })).status,
    ).toBe(200)
    const two = await sales.post(`/api/v1/people/${p.id}/organisations`, {
      organisationId: o2.id,
      role: 'Administrateur',
      isPrimary: true,
    })
    expect(two.body.organisations.map((l: any) => l.organisationId).sort()).toEqual([o1.id, o2.id].sort())
    const byOrg = await sales.get(`/api/v1/people?organisationId=${o1.id}`)
    expect(byOrg.body.data.map((x: any) => x.id)).toEqual([p.id])
    // Lists read a person's links in their own statement's subquery: the same links, fields and
    // order (the primary contact's organisation first) as the person's page.
    const detail = (await sales.get(`/api/v1/people/${p.id}`)).body.organisations
    expect(detail.map((l: any) => [l.organisationId, l.role, l.isPrimary])).toEqual([
      [o2.id, 'Administrateur', true],
      [o1.id, 'Conseil', false],
    ])
    expect(byOrg.body.data[0].organisations).toEqual(detail)
    const contacts = await sales.get(`/api/v1/organisations/${o1.id}/contacts`)
    expect(contacts.body.data.find((c: any) => c.id === p.id).organisations).toEqual(detail)
    expect((await sales.delete(`/api/v1/people/${p.id}/organisations/${o1.id}`)).status).toBe(204)
    expect((await sales.get(`/api/v1/people/${p.id}`)).body.organisations.map((l: any) => l.organisationId)).toEqual([
      o2.id,
    ])
    expect((await sales.delete(`/api/v1/people/${p.id}/organisations/${o1.id}`)).status).toBe(404)
    // The complete set on PATCH replaces the links.
    const replaced = await sales.patch(`/api/v1/people/${p.id}`, { organisations: [{ organisationId: o1.id }] })
    expect(replaced.body.organisations.map((l: any) => l.organisationId)).toEqual([o1.id])
  })

  test('deleting an organisation keeps its people and drops the link', async () => {
    const manager = await as('manager')
    const org = (await manager.post('/api/v1/organisations', { name: unique('Doomed'), type: 'FOURNISSEUR' })).body
    const p = (
      await manager.post('/api/v1/people', {
        firstName: 'Survie',
        lastName: unique('Personne'),
        organisations: [{ organisationId: org.id, isPrimary: true }],
      })
    ).body
    expect((await manager.delete(`/api/v1/organisations/${org.id}`)).status).toBe(204)
    const after = await manager.get(`/api/v1/people/${p.id}`)
    expect(after.status).toBe(200)
    expect(after.body.organisations).toEqual([])
  })

  test('scope: another team’s people answer 404; a viewer reads but does not write', async () => {
    const sales2 = await as('sales2')
    const p = (await sales2.post('/api/v1/people', { firstName: 'Lyon', lastName: unique('Contact') })).body
    expect((await (await as('manager')).get(`/api/v1/people/${p.id}`)).status).toBe(404)
    expect((await (await as('sales')).patch(`/api/v1/people/${p.id}`, { jobTitle: 'x' })).status).toBe(404)
    expect((await (await as('manager2')).get(`/api/v1/people/${p.id}`)).status).toBe(200)
    const viewer = await as('viewer')
    expect((await viewer.post('/api/v1/people', { firstName: 'No', lastName: 'Way' })).status).toBe(403)
    const list = await viewer.get('/api/v1/people?limit=100')
    expect(list.status).toBe(200)
    expect(list.body.data.length).toBeGreaterThan(0)
  })

  test('the list searches, sorts and paginates with a cursor', async () => {
    const admin = await as('admin')
    const seen = new Set<string>()
    let cursor: string | null = null
    let previous = ''
    for (let i = 0; i < 3; i++) {
      const res: any = await admin.get(`/api/v1/people?limit=25${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      for (const p of res.body.data) {
        const key = `${p.lastName}\u0000${p.firstName}`
        expect(key >= previous || key.localeCompare(previous) >= 0).toBe(true)
        previous = key
        expect(seen.has(p.id)).toBe(false)
        seen.add(p.id)
      }
      cursor = res.body.nextCursor
    }
    expect(seen.size).toBe(75)
    const found = await admin.get('/api/v1/people?q=martin&limit=100')
    expect(found.body.data.length).toBeGreaterThan(0)
    expect(
      found.body.data.every((p: any) =>
        `${p.firstName} ${p.lastName} ${p.personalEmail}`.toLowerCase().includes('martin'),
      ),
    ).toBe(true)
    expect((await admin.get('/api/v1/people?cursor=garbage')).status).toBe(400)
  })
})
