// The weighted pipeline, one definition for the dashboard and analytics: organisations not yet
// signed (a signed one is won, not a chance), each stage's amount × its probability
// (STAGE_PROBABILITY_PERCENT), in cents rounded half up per stage, then summed.
import { PIPELINE_STAGES, type PipelineStage } from '../db/enums.ts'
import { fromCents, sumMoney, toCents } from '../shared/money.ts'
import { STAGE_PROBABILITY_PERCENT } from './pipeline.schema.ts'

export const OPEN_STAGES = PIPELINE_STAGES.filter((s) => s !== 'SIGNE')

export function weightedPipeline(byStage: { stage: PipelineStage; amount: string }[]) {
  const stages = byStage
    .filter((s) => s.stage !== 'SIGNE')
    .map(({ stage, amount }) => {
      const probabilityPercent = STAGE_PROBABILITY_PERCENT[stage]
      const weighted = fromCents((toCents(amount) * BigInt(probabilityPercent) + 50n) / 100n)
      return { stage, amount, probabilityPercent, weighted }
    })
  return {
    openAmount: sumMoney(stages.map((s) => s.amount)),
    weighted: sumMoney(stages.map((s) => s.weighted)),
    byStage: stages,
  }
}
