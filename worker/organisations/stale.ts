// "Stale": an open organisation (any stage but SIGNE) whose stage has not changed for
// STALE_AFTER_DAYS days. The DTO flag, the list filter, the dashboard count and the stale-pipeline
// alerts all mean this; the boundary is computed by the database where it filters.
import { type SQLWrapper, sql } from 'drizzle-orm'
import type { PipelineStage } from '../db/enums.ts'
import { organisations } from '../db/schema.ts'
import { STALE_AFTER_DAYS } from './organisation.schema.ts'

const DAY_MS = 86_400_000

export const staleBoundary = sql`(now() - make_interval(days => ${STALE_AFTER_DAYS}))`

// `stage` and `changedAt` name the columns where the query aliases the table (`o.pipeline_stage`).
export const isStaleSql = (
  stage: SQLWrapper = organisations.pipelineStage,
  changedAt: SQLWrapper = organisations.stageChangedAt,
) => sql`(${stage} <> 'SIGNE' and ${changedAt} < ${staleBoundary})`

export const isStale = (row: { pipelineStage: PipelineStage; stageChangedAt: Date | string }, now = Date.now()) =>
  row.pipelineStage !== 'SIGNE' && new Date(row.stageChangedAt).getTime() < now - STALE_AFTER_DAYS * DAY_MS
