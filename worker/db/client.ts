// One way to reach Postgres everywhere: the Neon serverless driver, over WebSocket. Locally (and in
// tests) DB_WS_PROXY points it at the embedded database's proxy. DB_SOCKET=tcp runs the same driver
// over a TCP socket, as the Worker would reach Hyperdrive (decision 009).
import { Client, neonConfig, Pool } from '@neondatabase/serverless'
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless'
import { instrumentPool, type RequestTiming } from '../http/server-timing.ts'

// No relational schema: the app writes its queries with the query builder (never db.query.*), and
// drizzle({ schema }) walked every table and relation again for each request's database handle,
// about 5 % of a request's CPU in workerd (profiled under load, decision 009).
export type Db = NeonDatabase
export type DbConfig = { DATABASE_URL: string; DB_WS_PROXY?: string; DB_SOCKET?: string }

// DB_SOCKET=tcp: Postgres over a TCP socket (worker/db/tcp-socket.ts), which only the Worker can
// open, so the Worker's entry hands it over; anything else keeps the WebSocket.
type SocketConstructor = new (url: string) => unknown
let tcpSocket: SocketConstructor | undefined
export function registerTcpSocket(socket: SocketConstructor) {
  tcpSocket = socket
}

// Neon's own settings, for a Neon connection after a local one in the same isolate (tests do both).
const NEON = {
  wsProxy: neonConfig.wsProxy,
  useSecureWebSocket: neonConfig.useSecureWebSocket,
  pipelineTLS: neonConfig.pipelineTLS,
  pipelineConnect: neonConfig.pipelineConnect,
}

// The driver's settings are global and a request's pool is made for each request: they are set
// again only when the way to the database changes (never, in a deployed isolate).
let configuredFor: string | undefined

function configure({ DB_WS_PROXY, DB_SOCKET }: DbConfig) {
  const way = `${DB_SOCKET ?? ''} ${DB_WS_PROXY ?? ''}`
  if (way === configuredFor) return
  configuredFor = way
  // Coalescing holds every write back for a setTimeout(0), which Node and workerd both fire a
  // millisecond or more later, on each round trip: without it the search benchmark's server p50
  // went from 25 to 20 ms (autocomplete 11 to 8). Postgres' messages are small; frames are cheap.
  neonConfig.coalesceWrites = false
  const tcp = DB_SOCKET === 'tcp'
  if (tcp && !tcpSocket) throw new Error('DB_SOCKET=tcp: no TCP socket here (only the Worker opens one)')
  neonConfig.webSocketConstructor = tcp ? (tcpSocket as typeof neonConfig.webSocketConstructor) : undefined
  if (!tcp && !DB_WS_PROXY) {
    Object.assign(neonConfig, NEON)
    return
  }
  neonConfig.wsProxy = tcp
    ? (host, port) => `${host}:${port}`
    : (host, port) => `${DB_WS_PROXY}?address=${host}:${port}`
  neonConfig.useSecureWebSocket = false
  neonConfig.pipelineTLS = false
  neonConfig.pipelineConnect = false
}

// Workers may not share I/O objects between requests, so each request opens its own pool and
// closes it when the response is done (worker/middleware/request-context.ts). A request's pool
// holds one connection (max 1): its statements queue on it, where opening another connection
// costs more than the queries it would run beside (issue 16). The timeout turns a statement
// waiting for the connection its own transaction holds (db used inside db.transaction) into an
// error instead of a hung request.
export function createDb(
  config: DbConfig,
  { max = 5, timing }: { max?: number; timing?: RequestTiming } = {},
): { db: Db; pool: Pool } {
  configure(config)
  const pool = new Pool({ connectionString: config.DATABASE_URL, max, connectionTimeoutMillis: max === 1 ? 20_000 : 0 })
  if (timing) instrumentPool(pool, timing)
  // An idle connection dropped by the server must not crash the isolate; the next query reconnects.
  pool.on('error', () => {})
  return { db: drizzle({ client: pool }), pool }
}

// Work a request started on its own connection that must finish after the response (sending
// the outbox it just committed): the connection is closed only once that work is done, which
// spares the background work a connection of its own (the write-to-notification path, issue 14).
const held = new WeakMap<Db, Promise<unknown>[]>()

export function holdConnection(db: Db, work: Promise<unknown>) {
  held.set(db, [...(held.get(db) ?? []), work])
}

export async function closeConnection({ db, pool }: { db: Db; pool: Pool }) {
  for (let work = held.get(db); work?.length; work = held.get(db)) {
    held.delete(db)
    await Promise.allSettled(work)
  }
  await pool.end().catch(() => {})
}

// Background work (queue batches, crons): one connection, closed before the handler returns.
export async function withDb<T>(config: DbConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  configure(config)
  const client = new Client({ connectionString: config.DATABASE_URL })
  // The socket may report its close after end(); a query in flight still rejects normally.
  client.on('error', () => {})
  await client.connect()
  try {
    return await fn(drizzle({ client }))
  } finally {
    await client.end().catch(() => {})
  }
}
