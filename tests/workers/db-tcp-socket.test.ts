// DB_SOCKET=tcp inside workerd: the Neon driver over a TCP socket (worker/db/tcp-socket.ts) to the
// embedded database's TCP port, as the Worker reaches a plain Postgres or Hyperdrive. The WebSocket
// proxy is pointed at a closed port, so every statement here can only have gone over TCP.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { api } from '../../worker/app.ts'
import { closeConnection, createDb, type DbConfig, registerTcpSocket, withDb } from '../../worker/db/client.ts'
import { TcpWebSocket } from '../../worker/db/tcp-socket.ts'
import type { Env } from '../../worker/env.ts'

const tcp: DbConfig = { DATABASE_URL: env.DATABASE_URL, DB_WS_PROXY: '127.0.0.1:1/v1', DB_SOCKET: 'tcp' }
const opened: Parameters<typeof closeConnection>[0][] = []
const connect = () => {
  const handle = createDb(tcp, { max: 1 })
  opened.push(handle)
  return handle.db
}

beforeAll(() => registerTcpSocket(TcpWebSocket))
afterEach(async () => {
  for (const handle of opened.splice(0)) await closeConnection(handle)
})
// The driver's settings are global: the isolate goes back to the WebSocket (creating a pool only
// configures it).
afterAll(() => closeConnection(createDb({ DATABASE_URL: env.DATABASE_URL, DB_WS_PROXY: env.DB_WS_PROXY })))

describe('Postgres over a TCP socket', () => {
  test('a parametrised statement answers, and a result of many TCP chunks arrives whole', async () => {
    const db = connect()
    const { rows } = await db.execute(sql`select ${'é"\'x'}::text as echoed, ${41}::int + 1 as answer`)
    expect(rows).toEqual([{ echoed: 'é"\'x', answer: 42 }])
    // About 1 MB of rows: the socket hands it over in many chunks that the driver must join.
    const big = await db.execute(
      sql`select n, repeat(chr(65 + n % 26), 200) as text from generate_series(1, 5000) as n order by n`,
    )
    expect(big.rows).toHaveLength(5000)
    big.rows.forEach((row, i) => {
      expect(row.n).toBe(i + 1)
      expect(row.text).toBe(String.fromCharCode(65 + ((i + 1) % 26)).repeat(200))
    })
  })

  test("Postgres' errors keep their code, and the connection serves the next statement", async () => {
    const db = connect()
    const failed = await db.execute(sql`select 1 / ${0}::int`).catch((error: unknown) => error)
    const cause = (failed as { cause?: { code?: string } }).cause ?? failed
    expect((cause as { code?: string }).code).toBe('22012')
    const { rows } = await db.execute(sql`select 2 as two`)
    expect(rows).toEqual([{ two: 2 }])
  })

  test('a transaction rolled back leaves nothing behind; a committed one stays', async () => {
    const db = connect()
    const key = `tcp-socket-test-${crypto.randomUUID()}`
    await db.execute(sql`create table if not exists tcp_socket_probe (key text primary key)`)
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into tcp_socket_probe values (${key})`)
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    const count = async () =>
      Number((await db.execute(sql`select count(*) as n from tcp_socket_probe where key = ${key}`)).rows[0]!.n)
    try {
      expect(await count()).toBe(0)
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into tcp_socket_probe values (${key})`)
      })
      expect(await count()).toBe(1)
    } finally {
      await db.execute(sql`drop table tcp_socket_probe`)
    }
  })

  test('background work (withDb) runs over the same socket', async () => {
    expect(await withDb(tcp, async (db) => (await db.execute(sql`select 3 as three`)).rows)).toEqual([{ three: 3 }])
  })

  test('background work failing with a statement in flight closes its connection and reports why', async () => {
    let inflight: Promise<unknown> = Promise.resolve()
    const work = withDb(tcp, async (db) => {
      inflight = db.execute(sql`select pg_sleep(0.2)`).catch((error: unknown) => error)
      throw new Error('the work failed')
    })
    // Closing the connection used to wait for ever here: the socket announced its close before
    // the driver listened for it.
    const settled = await Promise.race([
      work.then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
    ])
    expect(settled).toBe('the work failed')
    await inflight
    expect(await withDb(tcp, async (db) => (await db.execute(sql`select 4 as four`)).rows)).toEqual([{ four: 4 }])
  })

  test('the API answers through it, and says so plainly when the database cannot be reached', async () => {
    const call = async (overrides: Partial<Env>) => {
      const ctx = createExecutionContext()
      const res = await api.fetch(new Request('http://crm.test/api/v1/health'), { ...env, ...overrides }, ctx)
      await waitOnExecutionContext(ctx)
      return res
    }
    const up = await call({ DB_SOCKET: 'tcp', DB_WS_PROXY: tcp.DB_WS_PROXY })
    expect(up.status).toBe(200)
    expect(await up.json()).toMatchObject({ checks: { database: { status: 'ok' } } })
    const down = await call({ DB_SOCKET: 'tcp', DATABASE_URL: 'postgres://crm:crm@127.0.0.1:1/none' })
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'down', checks: { database: { status: 'error' } } })
  })
})
