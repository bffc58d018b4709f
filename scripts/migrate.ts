// Applies the committed migrations to DATABASE_URL (Neon in production, any Postgres works).
import { migrate } from 'drizzle-orm/neon-serverless/migrator'
import { createDb, type DbConfig } from '../worker/db/client.ts'
import { bridgeFor } from './db-bridge.ts'

export async function runMigrations(config: DbConfig) {
  const { db, pool } = createDb(config)
  try {
    await migrate(db, { migrationsFolder: new URL('../migrations', import.meta.url).pathname })
  } finally {
    await pool.end()
  }
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
