import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { startLocalDb } from '../../scripts/local-db.ts'
import { createDb } from '../../worker/db/client.ts'

// PGlite has one session; the local server must still behave like Postgres for many clients.
test('the embedded database serves concurrent clients without mixing their queries or transactions', async () => {
  const local = await startLocalDb()
  const config = { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy }
  try {
    const setup = createDb(config)
    await setup.db.execute(sql`create table counters (id serial primary key, worker int not null, seen int)`)
    await setup.pool.end()
    const wrong: string[] = []
    await Promise.all(
      Array.from({ length: 12 }, async (_, worker) => {
        const { db, pool } = createDb(config)
        for (let i = 0; i < 9; i++) {
          if (i % 3 === 0) {
            await db.transaction(async (tx) => {
              await tx.execute(sql`insert into counters (worker) values (${worker})`)
              const r = await tx.execute<{ n: number }>(
                sql`select count(*)::int n from counters where worker = ${worker}`,
              )
              await tx.execute(sql`update counters set seen = ${r.rows[0]!.n} where worker = ${worker}`)
            })
          } else {
            const r = await db.execute<{ w: number }>(sql`select ${worker}::int as w`)
            if (r.rows[0]?.w !== worker) wrong.push(`worker ${worker} got ${JSON.stringify(r.rows[0])}`)
          }
        }
        await pool.end()
      }),
    )
    const check = createDb(config)
    const rows = await check.db.execute<{ n: number; max: number }>(
      sql`select count(*)::int n, max(seen)::int max from counters`,
    )
    await check.pool.end()
    expect(wrong).toEqual([])
    expect(rows.rows[0]).toEqual({ n: 36, max: 3 })
  } finally {
    await local.stop()
  }
})

test('a client that disconnects inside a transaction is rolled back and frees the database', async () => {
  const local = await startLocalDb()
  const config = { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy }
  try {
    const a = createDb(config)
    await a.db.execute(sql`create table items (name text)`)
    const client = await a.pool.connect()
    await client.query('begin')
    await client.query(`insert into items values ('never committed')`)
    client.release(true) // destroys the connection mid-transaction
    await a.pool.end()
    const b = createDb(config)
    const r = await b.db.execute<{ n: number }>(sql`select count(*)::int n from items`)
    await b.pool.end()
    expect(r.rows[0]!.n).toBe(0)
  } finally {
    await local.stop()
  }
})

// PGlite streams a result as views of its memory, reused chunk after chunk: a large result must
// still reach the driver intact while the socket is congested (a 100,000-row SELECT did not).
test('the embedded database sends a 16 MB result intact to the Neon driver', async () => {
  const local = await startLocalDb()
  const { pool } = createDb({ DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy })
  try {
    const r = await pool.query(
      "select g, md5(g::text) || repeat('é', 60) || g as v from generate_series(1, 100000) g order by g",
    )
    expect(r.rowCount).toBe(100000)
    const wrong = r.rows.filter((row, i) => row.g !== i + 1 || !row.v.endsWith(`${'é'.repeat(60)}${i + 1}`))
    expect(wrong.length).toBe(0)
  } finally {
    await pool.end()
    await local.stop()
  }
}, 120_000)
