// For Worker-runtime tests: a fresh embedded Postgres with migrations and a small demo seed; its
// address is provided to the workerd bindings (see vitest.config.ts).
import type { TestProject } from 'vitest/node'
import { startLocalDb, type LocalDb } from '../../scripts/local-db.ts'
import { runMigrations } from '../../scripts/migrate.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { createDb } from '../../worker/db/client.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    dbUrl: string
    dbProxy: string
  }
}

let local: LocalDb | undefined

export async function setup(project: TestProject) {
  local = await startLocalDb()
  const config = { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy }
  await runMigrations(config)
  const { db, pool } = createDb(config)
  await seedDemo(db, { organisations: 12, people: 12 })
  await pool.end()
  project.provide('dbUrl', local.databaseUrl)
  project.provide('dbProxy', local.wsProxy)
}

export async function teardown() {
  await local?.stop()
}
