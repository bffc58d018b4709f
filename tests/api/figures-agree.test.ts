// The dashboard and the analytics screen give the same weighted pipeline (one definition,
// worker/pipeline/weighted-pipeline.ts): organisations not yet signed, amount × stage probability.
import { describe, expect, test } from 'vitest'
import { as } from '../setup/api-client.ts'

const cents = (s: string) => Math.round(Number(s) * 100)

describe('figures that agree', () => {
  for (const user of ['admin', 'sales', 'manager2'] as const)
    test(`for ${user}, the dashboard's pipeline figures equal the analytics' ones`, async () => {
      const client = await as(user)
      const [d, a] = await Promise.all([client.get('/api/v1/dashboard'), client.get('/api/v1/pipeline/analytics')])
      expect(d.status).toBe(200)
      expect(a.status).toBe(200)
      expect(Number(d.body.weightedPipelineAmount)).toBeGreaterThan(0)
      expect(a.body.forecast.amount).toBe(d.body.weightedPipelineAmount)
      expect(a.body.forecast.openAmount).toBe(d.body.pipelineAmount)
    })

  test(
    'signed organisations are outside the weighted pipeline, ' + 'the open stages are weighted by their probability',
    async () => {
      const a = (await (await as('admin')).get('/api/v1/pipeline/analytics')).body
      expect(a.forecast.byStage.map((f: { stage: string }) => f.stage)).toEqual([
        'PROSPECT',
        'QUALIFICATION',
        'PROPOSITION',
      ])
      const signed = a.funnel.find((f: { stage: string }) => f.stage === 'SIGNE')
      expect(Number(signed.amount)).toBeGreaterThan(0)
      const expected = a.forecast.byStage.reduce(
        (s: number, f: { amount: string; probabilityPercent: number }) =>
          s + Math.round((cents(f.amount) * f.probabilityPercent) / 100),
        0,
      )
      expect(cents(a.forecast.amount)).toBe(expected)
      const open = a.funnel
        .filter((f: { stage: string }) => f.stage !== 'SIGNE')
        .reduce((s: number, f: { amount: string }) => s + cents(f.amount), 0)
      expect(cents(a.forecast.openAmount)).toBe(open)
    },
  )
})
