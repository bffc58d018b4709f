// Concurrent pipeline moves on a real Postgres 15: rounds of two transactions at once, each moving
// one organisation of the same owner, in opposite directions (PROSPECT → QUALIFICATION and
// QUALIFICATION → PROSPECT), as two users of one team would. Prints the outcomes with migration
// 0013's owner lock and with it taken out of the trigger (on this database only), so the deadlocks
// it prevents show (decision 009).
//   node bench/concurrent-moves.bench.ts [--rounds 100] [--data-dir .data/bench-postgres-moves]
import { readFileSync } from 'node:fs'
import { arg, restartWithTypeTransform } from './cli.ts'
import { startPostgres } from './postgres.ts'
import { bridgeFor } from '../scripts/db-bridge.ts'
import { runMigrations } from '../scripts/migrate.ts'
import { seedDemo } from '../scripts/seed.ts'
import { createDb } from '../worker/db/client.ts'

restartWithTypeTransform()

const ROUNDS = Number(arg('rounds', '100'))
const pg = await startPostgres(arg('data-dir', '.data/bench-postgres-moves'))
const bridge = await bridgeFor(pg.directUrl)
const config = { DATABASE_URL: pg.directUrl, DB_WS_PROXY: bridge.wsProxy }
await runMigrations(config)
const { db, pool } = createDb(config, { max: 4 })

try {
  if (!(await pool.query('select count(*)::int as n from users')).rows[0].n)
    await seedDemo(db, { organisations: 12, people: 12 })
  const owner = (await pool.query(`select id, team_id from users where email = 'sales@demo.crm'`)).rows[0]

  // Organisations of one owner at a stage since an earlier day (so that the stage totals of 0008
  // do not serialise the two moves), each with its move into that stage.
  async function organisationsAt(stage: string, daysAgo: number, tag: string): Promise<string[]> {
    const ids = (
      await pool.query(
        `insert into organisations (name, type, city, owner_id, team_id, pipeline_stage, stage_changed_at)
        select 'Concurrente ' || $3 || ' ' || g, 'INVESTISSEUR', 'Paris', $1, $2, $4::pipeline_stage,
          now() - make_interval(days => $5) from generate_series(1, ${ROUNDS}) g returning id`,
        [owner.id, owner.team_id, tag, stage, daysAgo],
      )
    ).rows.map((r: { id: string }) => r.id)
    await pool.query(
      `insert into stage_changes (organisation_id, to_stage, changed_at)
      select id, $2::pipeline_stage, now() - make_interval(days => $3) from unnest($1::uuid[]) id`,
      [ids, stage, daysAgo],
    )
    return ids
  }

  // The app's order: the organisation's row, then its move (worker/organisations/organisation.service.ts).
  async function move(organisation: string, to: string): Promise<string> {
    const client = await pool.connect()
    try {
      await client.query('begin')
      await client.query('update organisations set pipeline_stage = $2 where id = $1', [organisation, to])
      await client.query('insert into stage_changes (organisation_id, to_stage) values ($1, $2)', [organisation, to])
      await client.query('commit')
      return 'committed'
    } catch (error) {
      await client.query('rollback')
      return (error as { code?: string }).code === '40P01' ? 'deadlock (40P01)' : String(error)
    } finally {
      client.release()
    }
  }

  async function rounds(label: string) {
    const tag = `${label} ${Date.now()}`
    const forward = await organisationsAt('PROSPECT', 1, `${tag} A`)
    const back = await organisationsAt('QUALIFICATION', 2, `${tag} B`)
    const outcomes: Record<string, number> = {}
    const started = performance.now()
    for (let i = 0; i < ROUNDS; i++)
      for (const outcome of await Promise.all([move(forward[i]!, 'QUALIFICATION'), move(back[i]!, 'PROSPECT')]))
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
    const perRound = (performance.now() - started) / ROUNDS
    console.log(`  ${label.padEnd(26)} ${JSON.stringify(outcomes)}  ${perRound.toFixed(1)} ms a round`)
  }

  const migration = readFileSync(new URL('../migrations/0013_pipeline_day_totals.sql', import.meta.url), 'utf8')
  const start = migration.indexOf('CREATE OR REPLACE FUNCTION crm_stage_changes_kept')
  const trigger = migration.slice(start, migration.indexOf('--> statement-breakpoint', start))
  const withoutLock = trigger.replace(/ {2}FOR owner_key IN[\s\S]*?END LOOP;\n/, '')
  if (withoutLock === trigger) throw new Error('the owner lock was not found in migration 0013')

  console.log(`${ROUNDS} rounds of two concurrent opposite moves by one owner (Postgres 15):`)
  await rounds('with the owner lock')
  await pool.query(withoutLock)
  try {
    await rounds('without it')
  } finally {
    await pool.query(trigger)
  }
} finally {
  await pool.end()
  await bridge.stop()
  await pg.stop()
}
