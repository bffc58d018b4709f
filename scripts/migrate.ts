// Applies the committed migrations to DATABASE_URL (Neon in production, any Postgres works).
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/neon-serverless/migrator'
import { createDb, type Db, type DbConfig } from '../worker/db/client.ts'
import { bridgeFor } from './db-bridge.ts'

export async function runMigrations(config: DbConfig) {
  const { db, pool } = createDb(config)
  try {
    const before = await applied(db)
    await migrate(db, { migrationsFolder: new URL('../migrations', import.meta.url).pathname })
    // Statistics for what the migrations changed. The embedded database has no autovacuum, so a
    // table a migration created or backfilled had none, and the planner guessed: the moves' kept
    // history (0013) was refreshed by hashing every move instead of reading a few by index (40 ms
    // for 100 organisations at 60,000 moves, growing with them, against 10 with statistics).
    // A new database has nothing to analyse yet (its seed analyses what it loads).
    if (before > 0 && (await applied(db)) !== before) await db.execute(sql`analyze`)
  } finally {
    await pool.end()
  }
}

// How many migrations the database has applied (none before the migrator's first run).
async function applied(db: Db) {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_tables t
    where t.schemaname = 'drizzle' and t.tablename = '__drizzle_migrations'`)
  if (!r.rows[0]!.n) return 0
  return (await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).rows[0]!.n
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set: export it or put it in your shell before npm run db:migrate')
    process.exit(1)
  }
  // A plain Postgres (not Neon) is reached through a local WebSocket bridge (scripts/db-bridge.ts).
  const bridge = await bridgeFor(url)
  try {
    await runMigrations({ DATABASE_URL: url, DB_WS_PROXY: bridge.wsProxy })
  } finally {
    await bridge.stop()
  }
  console.log('migrations applied')
}
