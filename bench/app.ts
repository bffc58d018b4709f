// What every benchmark starts from: the app started as `npm start` starts it (or the
// dev server), and the large seed created once and reused.
import { fork, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { freePort } from '../scripts/free-port.ts'

export type StartOptions = {
  // `--dev` for Vite's dev server, `--memory` for a fresh in-memory database.
  args?: string[]
  env?: Record<string, string | undefined>
  timeoutSeconds?: number
}

// The app in its own process, as scripts/start.ts runs it; `ready` comes over IPC once it answers.
export async function startApp({ args = [], env = {}, timeoutSeconds = 300 }: StartOptions = {}) {
  const port = await freePort()
  const child = fork('scripts/start.ts', ['--quiet', ...args], {
    execArgv: ['--no-warnings'],
    env: { ...process.env, PORT: String(port), CRM_TEST: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  let database: { databaseUrl: string; wsProxy?: string; socket?: string } | undefined
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the app did not start within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    )
    child.on('message', (m: unknown) => {
      if (m === 'ready') {
        clearTimeout(timer)
        resolve()
      }
      if (typeof m === 'object' && m && 'database' in m) database = (m as { database: typeof database }).database
    })
    child.on('exit', (code) => reject(new Error(`the app exited during start-up (code ${code})`)))
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { base: `http://localhost:${port}`, port, child, stop, database }
}

export type SeedOptions = {
  dataDir: string
  organisations: number
  // Set for a real Postgres (the seed reaches it through DB_WS_PROXY); empty for PGlite in dataDir.
  dbEnv: Record<string, string | undefined>
  isSeeded: () => Promise<boolean>
}

// scripts/seed.ts generates the rows inside Postgres; run once, kept unless --reseed is given.
export async function ensureSeeded({ dataDir, organisations, dbEnv, isSeeded }: SeedOptions) {
  if ((await isSeeded()) && !process.argv.includes('--reseed')) return
  if (!dbEnv.DATABASE_URL) spawnSync('rm', ['-rf', dataDir])
  console.log(`seeding ${organisations} organisations and ${organisations * 2} people…`)
  const started = Date.now()
  // Not spawnSync: with a real Postgres, the seed talks through this process's WebSocket proxy.
  const seed = spawn(
    process.execPath,
    ['scripts/seed.ts', '--organisations', String(organisations), '--data-dir', dataDir],
    { stdio: 'inherit', env: { ...process.env, ...dbEnv } },
  )
  if ((await new Promise<number | null>((resolve) => seed.on('exit', resolve))) !== 0) throw new Error('seed failed')
  if (!dbEnv.DATABASE_URL) writeFileSync(marker(dataDir), String(SEED_VERSION))
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s (wall clock)`)
}

// A PGlite data directory is seeded once it holds a cluster seeded by this version of the seed
// (version 2 added the activity: interactions, tasks, stage history and mandates at scale).
const SEED_VERSION = 2
const marker = (dataDir: string) => `${dataDir}/crm-seed-version`
export const hasCluster = (dataDir: string) => async () =>
  existsSync(`${dataDir}/PG_VERSION`) &&
  existsSync(marker(dataDir)) &&
  readFileSync(marker(dataDir), 'utf8').trim() === String(SEED_VERSION)

// Counts the organisations of a real Postgres (false when it cannot be reached yet).
export const hasOrganisations = (dbEnv: { DATABASE_URL: string }, atLeast: number) => async () => {
  const { withDb } = await import('../worker/db/client.ts')
  const { sql } = await import('drizzle-orm')
  return withDb(dbEnv, async (db) => {
    // The activity (seed version 2) comes with two interactions per organisation.
    const r = await db.execute<{ n: number; i: number }>(
      sql`select (select count(*) from organisations)::int n, (select count(*) from interactions)::int i`,
    )
    return r.rows[0]!.n >= atLeast && r.rows[0]!.i >= atLeast
  }).catch(() => false)
}
