// Conversions and stays read from one organisation's history written by hand, with a return to
// an earlier stage, a move outside the window and a window that ends before a conversion.
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { pipelineAnalytics } from '../../worker/pipeline/pipeline.service.ts'
import { PipelineAnalyticsQuery } from '../../worker/pipeline/pipeline.schema.ts'
import { authUser } from '../setup/auth-users.ts'

const state = ownDatabase()
const DAY = 86400_000
const NOW = Date.parse('2026-06-30T12:00:00Z')
const daysAgo = (n: number) => new Date(NOW - n * DAY).toISOString()

describe('pipeline analytics over a history', () => {
  test('entries count once per window, conversions need a further stage by the window’s end', async () => {
    const { db } = state
    await seedDemo(db, { organisations: 5, people: 5 })
    const admin = (await db.execute<{ id: string }>(sql`select id from users where role = 'admin' limit 1`)).rows[0]!
    const org = (
      await db.execute<{
        id: string
      }>(sql`insert into organisations (name, type, city, pipeline_stage, stage_changed_at)
        values ('Historique', 'INVESTISSEUR', 'Zedville', 'SIGNE', ${daysAgo(10)}) returning id`)
    ).rows[0]!.id
    const moves: [string | null, string, number][] = [
      [null, 'PROSPECT', 100],
      ['PROSPECT', 'QUALIFICATION', 50],
      ['QUALIFICATION', 'PROSPECT', 40],
      ['PROSPECT', 'QUALIFICATION', 30],
      ['QUALIFICATION', 'SIGNE', 10],
    ]
    for (const [fromStage, toStage, ago] of moves)
      await db.execute(sql`insert into stage_changes (organisation_id, from_stage, to_stage, changed_by, changed_at)
        values (${org}, ${fromStage}, ${toStage}, ${admin.id}, ${daysAgo(ago)})`)
    const user = await authUser(db, 'admin@demo.crm')
    const analytics = (from: number, to: number) =>
      pipelineAnalytics(
        db,
        user,
        PipelineAnalyticsQuery.parse({ city: 'Zedville', from: daysAgo(from), to: daysAgo(to) }),
      )

    const all = await analytics(45, 0)
    expect(all.conversions.map(({ from, entered, converted }) => [from, entered, converted])).toEqual([
      // Back to PROSPECT 40 days ago (its first entry, 100 days ago, is before the window), then further.
      ['PROSPECT', 1, 1],
      // Entered 50 days ago (outside) and 30 days ago: one entry, converted by the signature.
      ['QUALIFICATION', 1, 1],
      ['PROPOSITION', 0, 0],
    ])
    expect(all.averageDaysInStage).toEqual([
      { stage: 'PROSPECT', days: 10, stays: 1 },
      { stage: 'QUALIFICATION', days: 15, stays: 2 },
      { stage: 'PROPOSITION', days: null, stays: 0 },
      { stage: 'SIGNE', days: null, stays: 0 },
    ])

    // Unfiltered, the moves' kept scope columns and the day totals are read instead of the
    // organisations (migrations 0012, 0013): the answer must be the one the organisations give,
    // here through a filter on every type.
    const window = { from: daysAgo(45), to: daysAgo(0) }
    // One of the other organisations with moves in the window goes to the bin: both leave it out.
    const binned = await db.execute(sql`update organisations set deleted_at = now() where id = (
      select organisation_id from stage_changes where organisation_id <> ${org}
        and changed_at between ${window.from} and ${window.to} limit 1) returning id`)
    expect(binned.rows).toHaveLength(1)
    const viaMoves = await pipelineAnalytics(db, user, PipelineAnalyticsQuery.parse(window))
    const viaOrganisations = await pipelineAnalytics(
      db,
      user,
      PipelineAnalyticsQuery.parse({ ...window, type: 'INVESTISSEUR,FOURNISSEUR,DISTRIBUTEUR,EMETTEUR' }),
    )
    expect(viaMoves.conversions.some((c) => c.entered > 1)).toBe(true)
    expect(viaMoves.conversions).toEqual(viaOrganisations.conversions)
    expect(viaMoves.averageDaysInStage).toEqual(viaOrganisations.averageDaysInStage)

    // A window ending 35 days ago: the return to PROSPECT is in it, its next move is not.
    const early = await analytics(45, 35)
    expect(early.conversions[0]).toMatchObject({ from: 'PROSPECT', entered: 1, converted: 0, rate: 0 })
    expect(early.averageDaysInStage[1]).toEqual({ stage: 'QUALIFICATION', days: 10, stays: 1 })
  })
})
