// Shared by the three pipeline views.
import { PIPELINE_STAGES, type PipelineStage } from '../../worker/db/enums'
import { STAGE_PROBABILITY_PERCENT } from '../../worker/pipeline/stage-rules'

export const PIPELINE_FILTERS = ['q', 'type', 'category', 'ownerId'] as const
export { PIPELINE_STAGES, STAGE_PROBABILITY_PERCENT }

// The view's filters, as the API's query string.
export function pipelineQuery(request: Request) {
  const url = new URL(request.url)
  const q = new URLSearchParams()
  for (const k of PIPELINE_FILTERS) {
    const v = url.searchParams.get(k)?.trim()
    if (v) q.set(k, v)
  }
  return q
}

export const daysSince = (iso: string, now = Date.now()) =>
  Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000))
export const weighted = (amount: string | null, stage: PipelineStage) =>
  amount ? (Number(amount) * STAGE_PROBABILITY_PERCENT[stage]) / 100 : null
