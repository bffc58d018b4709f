// The dashboard: KPIs within the caller's scope (admin all, manager and viewer team, sales own).
import { z } from 'zod'
import { PIPELINE_STAGES } from '../db/enums.ts'

export const DashboardActivity = z.object({
  kind: z.enum(['interaction', 'stage_change', 'mandate_signed']),
  id: z.string(),
  at: z.string(),
  title: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  userName: z.string().nullable(),
})

export const Dashboard = z.object({
  organisationsByStage: z.array(
    z.object({ stage: z.enum(PIPELINE_STAGES), count: z.number().int(), amount: z.string() }),
  ),
  organisationsTotal: z.number().int(),
  // Mandates signed since the first day of the current quarter (UTC), and organisations moved to SIGNE.
  signedThisQuarter: z.object({ mandates: z.number().int(), amount: z.string(), organisations: z.number().int() }),
  // Amounts of organisations not yet signed, and the same weighted by stage probability.
  pipelineAmount: z.string(),
  weightedPipelineAmount: z.string(),
  overdueTasks: z.number().int(),
  openTasks: z.number().int(),
  staleOrganisations: z.number().int(),
  recentActivity: z.array(DashboardActivity),
  // Mandates signed per month, the last 6 months including the current one, oldest first.
  signedPerMonth: z.array(z.object({ month: z.string(), count: z.number().int(), amount: z.string() })),
})
