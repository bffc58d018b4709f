// One way to reach Postgres everywhere: the Neon serverless driver over WebSocket. Locally
// (and in tests) DB_WS_PROXY points the same driver at the embedded database's proxy.
import { Client, neonConfig, Pool } from '@neondatabase/serverless'
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless'
import * as schema from './schema.ts'

export type Db = NeonDatabase<typeof schema>
export type DbConfig = { DATABASE_URL: string; DB_WS_PROXY?: string }

function configure({ DB_WS_PROXY }: DbConfig) {
  // Coalescing holds every write back for a setTimeout(0), which Node and workerd both fire a
  // millisecond or more later, on each round trip: without it the search benchmark's server p50
  // went from 25 to 20 ms (autocomplete 11 to 8). Postgres' messages are small; frames are cheap.
  neonConfig.coalesceWrites = false
  if (!DB_WS_PROXY) return
  neonConfig.wsProxy = (host, port) => `${DB_WS_PROXY}?address=${host}:${port}`
  neonConfig.useSecureWebSocket = false
  neonConfig.pipelineTLS = false
  neonConfig.pipelineConnect = false
}

// Workers may not share I/O objects between requests, so each request opens its own pool and
// closes it when the response is done (see worker/middleware/db.ts).
export function createDb(config: DbConfig): { db: Db; pool: Pool } {
  configure(config)
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 5 })
  // An idle connection dropped by the server must not crash the isolate; the next query reconnects.
  pool.on('error', () => {})
  return { db: drizzle({ client: pool, schema }), pool }
}

// Background work (queue batches, crons): one connection, closed before the handler returns.
export async function withDb<T>(config: DbConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  configure(config)
  const client = new Client({ connectionString: config.DATABASE_URL })
  // The socket may report its close after end(); a query in flight still rejects normally.
  client.on('error', () => {})
  await client.connect()
  try {
    return await fn(drizzle({ client, schema }) as unknown as Db)
  } finally {
    await client.end().catch(() => {})
  }
}
