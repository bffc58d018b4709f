// Pipeline board and analytics shapes. The board filters like the organisation list.
import { z } from 'zod'
import { PIPELINE_STAGES } from '../db/enums.ts'
import { Organisation, OrganisationListQuery } from '../organisations/organisation.schema.ts'
import { DateTimeSchema } from '../shared/fields.ts'
import { LimitSchema } from '../shared/query-fields.ts'

export { STAGE_PROBABILITY_PERCENT, STAGE_TASKS } from './stage-rules.ts'

// `limit` caps the cards per column; a column's nextCursor continues it through
// GET /v1/organisations?stage=<stage>&sort=<same sort>&cursor=<nextCursor> (same filters).
export const PipelineBoardQuery = OrganisationListQuery.omit({ cursor: true, stage: true }).extend({
  limit: LimitSchema(20),
  sort: OrganisationListQuery.shape.sort.removeDefault().default('-amount'),
})
export type PipelineBoardQuery = z.infer<typeof PipelineBoardQuery>

export const PipelineColumn = z.object({
  stage: z.enum(PIPELINE_STAGES),
  count: z.number().int(),
  totalAmount: z.string(),
  cards: z.array(Organisation),
  nextCursor: z.string().nullable(),
})
export const PipelineBoard = z.object({ columns: z.array(PipelineColumn) })

export const PipelineAnalyticsQuery = OrganisationListQuery.pick({
  type: true,
  category: true,
  ownerId: true,
  city: true,
  active: true,
}).extend({
  // Window of the stage changes used for conversion rates and durations (default: last 12 months).
  from: DateTimeSchema.optional(),
  to: DateTimeSchema.optional(),
})
export type PipelineAnalyticsQuery = z.infer<typeof PipelineAnalyticsQuery>

const stage = z.enum(PIPELINE_STAGES)
export const PipelineAnalytics = z.object({
  from: z.string(),
  to: z.string(),
  // Organisations currently at each stage (in the caller's scope) and their amounts.
  funnel: z.array(z.object({ stage, count: z.number().int(), amount: z.string() })),
  // Of the organisations that entered `from` in the window, the share that later reached `to`.
  conversions: z.array(
    z.object({
      from: stage,
      to: stage,
      entered: z.number().int(),
      converted: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  // Average days spent in a stage, over stays that ended in the window (null: none ended).
  averageDaysInStage: z.array(z.object({ stage, days: z.number().nullable(), stays: z.number().int() })),
  // The weighted pipeline (weighted-pipeline.ts, the dashboard's figure too): organisations not
  // yet signed, amount × stage probability; openAmount is the same organisations unweighted.
  forecast: z.object({
    amount: z.string(),
    openAmount: z.string(),
    byStage: z.array(z.object({ stage, amount: z.string(), probabilityPercent: z.number(), weighted: z.string() })),
  }),
})
