// Embedded Postgres for local development and tests: PGlite served over the Postgres wire
// protocol, plus the WebSocket-to-TCP proxy the Neon driver speaks through (neonConfig.wsProxy).
import { createConnection } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { WebSocketServer } from 'ws'

export type LocalDb = {
  databaseUrl: string
  wsProxy: string
  stop: () => Promise<void>
}

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4])
const endsWithTerminate = (data: Buffer) => data.length >= 5 && data.subarray(data.length - 5).equals(TERMINATE)

type Options = { dataDir?: string; pgPort?: number; proxyPort?: number }

export async function startLocalDb({ dataDir, pgPort = 0, proxyPort = 0 }: Options = {}): Promise<LocalDb> {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } })
  // PGlite is one connection; the server multiplexes clients and keeps transactions on one client.
  const pg = new PGLiteSocketServer({ db, host: '127.0.0.1', port: pgPort, maxConnections: 200 })
  await pg.start()
  const port = Number(pg.getServerConn().split(':').pop())

  const wss = new WebSocketServer({ host: '127.0.0.1', port: proxyPort })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws) => {
    // The proxy only ever reaches the embedded database, whatever address the client asks for.
    const tcp = createConnection({ host: '127.0.0.1', port })
    tcp.setNoDelay(true)
    const pending: Buffer[] = []
    tcp.on('connect', () => { for (const chunk of pending.splice(0)) tcp.write(chunk) })
    ws.on('message', (data: Buffer) => {
      if (tcp.connecting) pending.push(data)
      else tcp.write(data)
      // PGlite keeps the socket open after a Terminate message where Postgres would close it;
      // close it here so clients waiting for the end of the connection are released.
      if (endsWithTerminate(data)) {
        tcp.end()
        ws.close()
      }
    })
    tcp.on('data', (data) => ws.readyState === ws.OPEN && ws.send(data))
    ws.on('close', () => tcp.destroy())
    ws.on('error', () => tcp.destroy())
    tcp.on('close', () => ws.close())
    tcp.on('error', () => ws.close())
  })
  const wsPort = (wss.address() as { port: number }).port

  return {
    databaseUrl: `postgres://crm:crm@127.0.0.1:${port}/postgres`,
    wsProxy: `127.0.0.1:${wsPort}/v1`,
    async stop() {
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await pg.stop()
      await db.close()
    },
  }
}
