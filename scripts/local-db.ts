// Embedded Postgres for local development and tests: PGlite spoken to over the Postgres wire
// protocol, on TCP (for psql and tools) and on the WebSocket endpoint the Neon driver uses
// (neonConfig.wsProxy), so the Worker reaches it with the same driver as Neon in production.
import { createServer, type Server } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { WebSocketServer } from 'ws'
import { SessionLock, WireConnection } from './pglite-wire.ts'

export type LocalDb = {
  databaseUrl: string
  wsProxy: string
  stop: () => Promise<void>
}

type Options = { dataDir?: string; pgPort?: number; proxyPort?: number }

export async function startLocalDb({ dataDir, pgPort = 0, proxyPort = 0 }: Options = {}): Promise<LocalDb> {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } })
  const lock = new SessionLock(db)

  const tcp: Server = createServer((socket) => {
    socket.setNoDelay(true)
    const conn = new WireConnection(
      lock,
      (chunk) => socket.writable && socket.write(chunk),
      () => socket.end(),
    )
    socket.on('data', (data) => conn.push(data))
    socket.on('close', () => conn.ended())
    socket.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => tcp.listen(pgPort, '127.0.0.1', resolve))

  const wss = new WebSocketServer({ host: '127.0.0.1', port: proxyPort })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  // Whatever address the client asks the "proxy" for, it only ever reaches this database.
  wss.on('connection', (ws) => {
    const conn = new WireConnection(
      lock,
      (chunk) => ws.readyState === ws.OPEN && ws.send(chunk),
      () => ws.close(),
    )
    ws.on('message', (data: Buffer) => conn.push(data))
    ws.on('close', () => conn.ended())
    ws.on('error', () => ws.terminate())
  })

  const port = (tcp.address() as { port: number }).port
  const wsPort = (wss.address() as { port: number }).port
  return {
    databaseUrl: `postgres://crm:crm@127.0.0.1:${port}/postgres`,
    wsProxy: `127.0.0.1:${wsPort}/v1`,
    async stop() {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => tcp.close(() => resolve()))
      await db.close()
    },
  }
}
