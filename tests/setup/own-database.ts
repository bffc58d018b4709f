// A migrated embedded database of the test file's own, for tests that fill tables in SQL or call
// services directly (the shared test server's database is only reached through the API).
import { afterAll, beforeAll } from 'vitest'
import { startLocalDb, type LocalDb } from '../../scripts/local-db.ts'
import { runMigrations } from '../../scripts/migrate.ts'
import { createDb, type Db } from '../../worker/db/client.ts'

export function ownDatabase(): { readonly db: Db } {
  let local: LocalDb | undefined
  let created: ReturnType<typeof createDb> | undefined
  beforeAll(async () => {
    local = await startLocalDb()
    const config = { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy }
    await runMigrations(config)
    created = createDb(config)
  })
  afterAll(async () => {
    await created?.pool.end()
    await local?.stop()
  })
  return {
    get db() {
      return created!.db
    },
  }
}
