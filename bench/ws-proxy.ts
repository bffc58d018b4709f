// A WebSocket-to-TCP proxy for a real Postgres: the Neon driver the app uses only speaks
// WebSocket (neonConfig.wsProxy), like scripts/local-db.ts does for the embedded database.
import { createConnection } from 'node:net'
import { WebSocketServer } from 'ws'

export async function startWsProxy(target: { host: string; port: number }) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws) => {
    // Whatever address the client asks for, only the benchmark's database is reachable.
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
  return { wsProxy: `127.0.0.1:${port}/v1`, stop: () => new Promise<void>((resolve) => wss.close(() => resolve())) }
}
