// The app reaches Postgres with the Neon serverless driver, which speaks only WebSocket. Neon
// listens for it; a plain Postgres (Debian's, Docker's, PgBouncer) does not. For those, this
// starts a local WebSocket-to-TCP bridge in front of DATABASE_URL's host, so `npm start`,
// `npm run db:migrate` and `npm run seed` need DATABASE_URL alone. DB_WS_PROXY, when set, wins.
import { createConnection } from 'node:net'
import { WebSocketServer } from 'ws'

export type Bridge = { wsProxy?: string; stop: () => Promise<void> }

// Neon's own hosts accept the driver's WebSocket directly.
const speaksWebSocket = (host: string) => /\.neon\.tech$|\.neon\.build$/i.test(host)

export async function startWsProxy(target: { host: string; port: number }) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws) => {
    // Whatever address the client asks for, only DATABASE_URL's server is reachable.
    const tcp = createConnection(target)
    tcp.setNoDelay(true)
    const pending: Buffer[] = []
    tcp.on('connect', () => {
      for (const chunk of pending.splice(0)) tcp.write(chunk)
    })
    ws.on('message', (data: Buffer) => (tcp.connecting ? pending.push(data) : tcp.write(data)))
    tcp.on('data', (data) => ws.readyState === ws.OPEN && ws.send(data))
    ws.on('close', () => tcp.destroy())
    ws.on('error', () => tcp.destroy())
    tcp.on('close', () => ws.close())
    tcp.on('error', () => ws.close())
  })
  const { port } = wss.address() as { port: number }
  return {
    wsProxy: `127.0.0.1:${port}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}

export async function bridgeFor(databaseUrl: string, wsProxy = process.env.DB_WS_PROXY): Promise<Bridge> {
  const url = new URL(databaseUrl)
  if (wsProxy || speaksWebSocket(url.hostname)) return { wsProxy, stop: async () => {} }
  return startWsProxy({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5432) })
}
