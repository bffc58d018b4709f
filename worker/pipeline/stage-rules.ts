// What each pipeline stage means for the forecast and the automations. No zod here: the kanban and
// the pipeline table import it in the browser, and pulling pipeline.schema.ts brought zod and the
// organisation schemas (about 100 KB) into their first load for two constants.
import type { PipelineStage } from '../db/enums.ts'

// Chance that an organisation at this stage signs, in percent: the forecast weighs amounts by it.
export const STAGE_PROBABILITY_PERCENT: Record<PipelineStage, number> = {
  PROSPECT: 10,
  QUALIFICATION: 30,
  PROPOSITION: 60,
  SIGNE: 100,
}

// Automatic tasks on entering a stage (product plan, guide 3), created by stage-change.ts.
export const STAGE_TASKS: Partial<Record<PipelineStage, { title: string; dueInDays: number }>> = {
  QUALIFICATION: { title: 'Envoyer le questionnaire', dueInDays: 3 },
  PROPOSITION: { title: 'Préparer la présentation', dueInDays: 7 },
}
