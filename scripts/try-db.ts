import { startLocalDb } from './local-db.ts'
import { runMigrations } from './migrate.ts'
import { createDb } from '../worker/db/client.ts'
import { sql } from 'drizzle-orm'
const local = await startLocalDb()
console.log(local)
await runMigrations({ DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy })
const { db, pool } = createDb({ DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy })
console.log((await db.execute(sql`select count(*) from organisations`)).rows)
await db.transaction(async (tx) => {
  await tx.execute(sql`insert into teams(name) values ('x')`)
})
console.log((await db.execute(sql`select * from teams`)).rows)
await pool.end()
await local.stop()
