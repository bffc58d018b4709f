import { describe, expect, test } from 'vitest'
import { as, baseURL, eventually, unique } from '../setup/api-client.ts'

const STAGES = ['PROSPECT', 'QUALIFICATION', 'PROPOSITION', 'SIGNE']
const cents = (s: string) => Math.round(Number(s) * 100)

describe('pipeline', () => {
  test('moving an organisation records the change, applies automations and may go back', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Pipeline'), type: 'INVESTISSEUR' })).body
    await sales.patch(`/api/v1/organisations/${org.id}`, { pipelineStage: 'PROPOSITION' })
    const tasks = await sales.get(`/api/v1/tasks?organisationId=${org.id}`)
    expect(tasks.body.data.map((t: any) => t.title)).toContain('Préparer la présentation')
    const back = await sales.patch(`/api/v1/organisations/${org.id}`, { pipelineStage: 'QUALIFICATION' })
    expect(back.status).toBe(200)
    expect(back.body.pipelineStage).toBe('QUALIFICATION')
    expect(back.body.isStale).toBe(false)
  })

  test(
    'the board gives per stage the count, the total ' + 'amount and capped cards, with a cursor to continue',
    async () => {
      const manager = await as('manager')
      const board = await manager.get('/api/v1/pipeline/board?limit=5')
      expect(board.status).toBe(200)
      expect(board.body.columns.map((c: any) => c.stage)).toEqual(STAGES)
      const list = await manager.get('/api/v1/organisations?limit=100&stage=QUALIFICATION')
      const column = board.body.columns.find((c: any) => c.stage === 'QUALIFICATION')
      expect(column.cards.length).toBeLessThanOrEqual(5)
      expect(column.cards.every((o: any) => o.pipelineStage === 'QUALIFICATION')).toBe(true)
      // Default order: biggest amounts first.
      const amounts = column.cards.map((o: any) => Number(o.amount ?? -1))
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
      if (list.body.nextCursor === null) {
        expect(column.count).toBe(list.body.data.length)
        expect(cents(column.totalAmount)).toBe(
          list.body.data.reduce((s: number, o: any) => s + cents(o.amount ?? '0'), 0),
        )
      }
      expect(column.nextCursor).not.toBeNull()
      const more = await manager.get(
        `/api/v1/organisations?stage=QUALIFICATION&sort=-amount&limit=5&cursor=${column.nextCursor}`,
      )
      expect(more.status).toBe(200)
      const ids = new Set(column.cards.map((o: any) => o.id))
      expect(more.body.data.some((o: any) => ids.has(o.id))).toBe(false)
    },
  )

  test('the board is scoped and filterable like the list', async () => {
    const sales2 = await as('sales2')
    const me = (await sales2.get('/api/v1/auth/me')).body
    const board = await sales2.get('/api/v1/pipeline/board?limit=100&type=INVESTISSEUR')
    for (const c of board.body.columns)
      for (const o of c.cards) {
        expect(o.type).toBe('INVESTISSEUR')
        expect(o.teamId).toBe(me.teamId)
      }
    expect((await sales2.get('/api/v1/pipeline/board?limit=1000')).status).toBe(400)
  })

  test('analytics give the funnel, conversion rates, average days per stage and a weighted forecast', async () => {
    const admin = await as('admin')
    const res = await admin.get('/api/v1/pipeline/analytics')
    expect(res.status).toBe(200)
    const a = res.body
    expect(a.funnel.map((f: any) => f.stage)).toEqual(STAGES)
    expect(a.conversions.map((c: any) => `${c.from}>${c.to}`)).toEqual([
      'PROSPECT>QUALIFICATION',
      'QUALIFICATION>PROPOSITION',
      'PROPOSITION>SIGNE',
    ])
    for (const c of a.conversions) {
      expect(c.converted).toBeLessThanOrEqual(c.entered)
      if (c.entered) expect(c.rate).toBeCloseTo(c.converted / c.entered, 3)
    }
    expect(a.conversions[0].entered).toBeGreaterThan(0)
    expect(a.averageDaysInStage.find((s: any) => s.stage === 'PROSPECT').days).toBeGreaterThan(0)
    const probability: Record<string, number> = { PROSPECT: 10, QUALIFICATION: 30, PROPOSITION: 60, SIGNE: 100 }
    for (const f of a.forecast.byStage) {
      expect(f.probabilityPercent).toBe(probability[f.stage])
      expect(Math.abs(cents(f.weighted) - (cents(f.amount) * probability[f.stage]!) / 100)).toBeLessThanOrEqual(1)
    }
    const total = a.forecast.byStage.reduce((s: number, f: any) => s + cents(f.weighted), 0)
    expect(cents(a.forecast.amount)).toBe(total)
    expect(a.forecast.amount).toMatch(/^\d+\.\d{2}$/)
  })

  test('analytics are scoped: a sales user sees a smaller funnel than an admin', async () => {
    const count = async (u: 'admin' | 'sales') =>
      (await (await as(u)).get('/api/v1/pipeline/analytics')).body.funnel.reduce((s: number, f: any) => s + f.count, 0)
    expect(await count('sales')).toBeLessThan(await count('admin'))
    expect((await (await as('viewer')).get('/api/v1/pipeline/analytics')).status).toBe(200)
    expect((await (await as('admin')).get('/api/v1/pipeline/analytics?from=hier')).status).toBe(400)
  })

  test('the daily cron reports each organisation stuck for more than 30 days to the managers of its team', async () => {
    const manager = await as('manager')
    const stale = await manager.get('/api/v1/organisations?stale=true&limit=1')
    expect(stale.body.data.length).toBe(1)
    // One run sends a manager at most 50 of them (the rest on the next days): run until it came.
    const n = await eventually(
      async () => {
        const res = await fetch(`${baseURL()}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('0 6 * * *')}`)
        expect(res.status).toBe(200)
        return (await manager.get('/api/v1/notifications?type=organisation.stale&limit=100')).body.data.find(
          (x: any) => x.link === `/organisations/${stale.body.data[0].id}`,
        )
      },
      { timeout: 60_000, every: 500 },
    )
    expect(n.priority).toBe('HIGH')
    expect(n.message).toContain(stale.body.data[0].name)
    // Sales are not managers: the alert is not theirs.
    const sales = await as('sales')
    expect((await sales.get('/api/v1/notifications?type=organisation.stale')).body.data).toEqual([])
  })
})
