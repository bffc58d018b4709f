import { describe, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'

describe('dashboard', () => {
  test('the dashboard gives the KPIs, recent activity and a 6-month series', async () => {
    const admin = await as('admin')
    const res = await admin.get('/api/v1/dashboard')
    expect(res.status).toBe(200)
    const d = res.body
    expect(d.organisationsByStage.map((s: any) => s.stage)).toEqual([
      'PROSPECT',
      'QUALIFICATION',
      'PROPOSITION',
      'SIGNE',
    ])
    expect(d.organisationsTotal).toBe(d.organisationsByStage.reduce((n: number, s: any) => n + s.count, 0))
    expect(d.pipelineAmount).toMatch(/^\d+\.\d{2}$/)
    expect(d.weightedPipelineAmount).toMatch(/^\d+\.\d{2}$/)
    expect(Number(d.weightedPipelineAmount)).toBeLessThan(Number(d.pipelineAmount))
    expect(d.overdueTasks).toBeGreaterThan(0)
    expect(d.openTasks).toBeGreaterThanOrEqual(d.overdueTasks)
    expect(d.staleOrganisations).toBeGreaterThan(0)
    expect(d.recentActivity.length).toBeGreaterThan(0)
    const times = d.recentActivity.map((a: any) => a.at)
    expect(times).toEqual([...times].sort().reverse())
    expect(d.signedPerMonth).toHaveLength(6)
    expect(d.signedPerMonth.at(-1).month).toBe(new Date().toISOString().slice(0, 7))
    expect(d.signedPerMonth.reduce((n: number, m: any) => n + m.count, 0)).toBeGreaterThan(0)
    expect(d.signedThisQuarter).toMatchObject({
      mandates: expect.any(Number),
      amount: expect.stringMatching(/^\d+\.\d{2}$/),
      organisations: expect.any(Number),
    })
  })

  test('KPIs follow the role’s scope', async () => {
    const total = async (u: 'admin' | 'manager' | 'sales' | 'manager2') =>
      (await (await as(u)).get('/api/v1/dashboard')).body.organisationsTotal
    const [admin, manager, sales, manager2] = [
      await total('admin'),
      await total('manager'),
      await total('sales'),
      await total('manager2'),
    ]
    expect(manager).toBeLessThan(admin)
    expect(sales).toBeLessThan(manager)
    expect(manager + manager2).toBeLessThanOrEqual(admin)
    expect((await (await as('viewer')).get('/api/v1/dashboard')).status).toBe(200)
  })

  test('a write refreshes the cached dashboard', async () => {
    const sales = await as('sales')
    const before = await sales.get('/api/v1/dashboard')
    expect((await sales.get('/api/v1/dashboard')).headers.get('x-cache')).toBe('HIT')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Dash'), type: 'INVESTISSEUR' })).body
    await sales.post('/api/v1/interactions', { type: 'CALL', organisationId: org.id, subject: 'Appel dashboard' })
    const after = await sales.get('/api/v1/dashboard')
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(after.body.organisationsTotal).toBe(before.body.organisationsTotal + 1)
    expect(after.body.recentActivity[0]).toMatchObject({
      kind: 'interaction',
      title: 'Appel dashboard',
      organisationName: org.name,
    })
  })

  test('signing a mandate counts in this quarter and this month', async () => {
    const manager = await as('manager')
    const before = (await manager.get('/api/v1/dashboard')).body
    const org = (await manager.post('/api/v1/organisations', { name: unique('Dash Mandat'), type: 'INVESTISSEUR' }))
      .body
    const m = (
      await manager.post('/api/v1/mandats', { organisationId: org.id, status: 'EN_NEGOCIATION', amount: '1000.10' })
    ).body
    await manager.patch(`/api/v1/mandats/${m.id}`, { status: 'SIGNE' })
    const after = (await manager.get('/api/v1/dashboard')).body
    expect(after.signedThisQuarter.mandates).toBe(before.signedThisQuarter.mandates + 1)
    expect(
      Math.round(Number(after.signedThisQuarter.amount) * 100) -
        Math.round(Number(before.signedThisQuarter.amount) * 100),
    ).toBe(100010)
    expect(after.signedPerMonth.at(-1).count).toBe(before.signedPerMonth.at(-1).count + 1)
  })
})
