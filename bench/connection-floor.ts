// The physical floor of a Worker request that reads Postgres, measured beside the app (in a workerd
// of its own, on the same machine and database endpoint): a Worker may not share I/O objects
// between requests, so each request opens its own connection (a WebSocket, or a TCP socket where
// the app uses one, then Postgres' start-up) before its first statement. This Worker does
// only that and runs two `select 1` (the app's session look-up and query stand in for them), with
// no library and none of the app's code: whatever the app costs beyond it is the app's own.
// Its `/` answers a fixed 401 in the same way, the trivial Worker's floor; `/limit` and `/kv` do
// that after one call of a local rate-limit binding or one 30 KB KV read: locally both run inside
// workerd beside the Worker (a Durable Object with SQLite, a KV simulator), where Cloudflare runs
// them outside it, so the app's local CPU per request holds their cost too.
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { freePort } from '../scripts/free-port.ts'

const SCRIPT = `
import { connect } from 'cloudflare:sockets'
const encoder = new TextEncoder()
function startup(user, database) {
  const body = encoder.encode('user\\0' + user + '\\0database\\0' + database + '\\0\\0')
  const bytes = new Uint8Array(8 + body.length)
  const view = new DataView(bytes.buffer)
  view.setInt32(0, bytes.length)
  view.setInt32(4, 196608)
  bytes.set(body, 8)
  return bytes
}
function query(text) {
  const body = encoder.encode(text + '\\0')
  const bytes = new Uint8Array(5 + body.length)
  bytes[0] = 81
  new DataView(bytes.buffer).setInt32(1, 4 + body.length)
  bytes.set(body, 5)
  return bytes
}
// Waits for ReadyForQuery ('Z', length 5, status), the end of each exchange; an ErrorResponse
// ('E') or a closed socket fails the request.
function connection(ws) {
  let waiting = null
  let tail = new Uint8Array(0)
  const fail = (error) => { const w = waiting; waiting = null; w && w.reject(error) }
  ws.addEventListener('message', (event) => {
    const chunk = new Uint8Array(event.data)
    const joined = new Uint8Array(tail.length + chunk.length)
    joined.set(tail)
    joined.set(chunk, tail.length)
    tail = joined.slice(-6)
    if (chunk[0] === 69) return fail(new Error('postgres error'))
    if (tail.length === 6 && tail[0] === 90 && tail[4] === 5) { const w = waiting; waiting = null; w && w.resolve() }
  })
  ws.addEventListener('close', () => fail(new Error('closed')))
  ws.addEventListener('error', () => fail(new Error('socket error')))
  return (bytes) => new Promise((resolve, reject) => { waiting = { resolve, reject }; ws.send(bytes) })
}
// The app's DB_SOCKET=tcp: the same exchanges over a TCP socket, behind the few WebSocket calls
// connection() makes.
async function tcp(address) {
  const [hostname, port] = address.split(':')
  const socket = connect({ hostname, port: Number(port) })
  socket.closed.catch(() => {})
  await socket.opened
  const writer = socket.writable.getWriter()
  const listeners = { message: [], close: [], error: [] }
  ;(async () => {
    const reader = socket.readable.getReader()
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        for (const l of listeners.message) l({ data: value })
      }
      for (const l of listeners.close) l()
    } catch (error) {
      for (const l of listeners.error) l(error)
    }
  })()
  return {
    addEventListener: (type, listener) => listeners[type].push(listener),
    send: (bytes) => writer.write(bytes).catch(() => {}),
    close: () => socket.close(),
  }
}
const unauthorized = () => Response.json({ status: 401, title: 'Unauthorized' }, { status: 401 })
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname
    if (path === '/limit') {
      await env.LIMITER.limit({ key: 'user:' + crypto.randomUUID() })
      return unauthorized()
    }
    if (path === '/kv') {
      const page = await env.CACHE.get('page', 'json')
      return page ? unauthorized() : new Response('no page', { status: 500 })
    }
    if (path !== '/db') return unauthorized()
    const ws =
      env.PG_SOCKET === 'tcp'
        ? await tcp(env.PG_ADDRESS)
        : new WebSocket('ws://' + env.WS_PROXY + '?address=' + env.PG_ADDRESS)
    ws.binaryType = 'arraybuffer'
    if (env.PG_SOCKET !== 'tcp')
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve)
        ws.addEventListener('error', reject)
      })
    const exchange = connection(ws)
    await exchange(startup(env.PG_USER, env.PG_DATABASE))
    await exchange(query('select 1'))
    await exchange(query('select 1'))
    ws.close()
    return Response.json({ ok: true })
  },
}`

export async function startConnectionFloor({
  databaseUrl,
  wsProxy,
  socket = 'ws',
}: {
  databaseUrl: string
  wsProxy: string
  socket?: string
}) {
  const url = new URL(databaseUrl)
  const port = await freePort()
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: SCRIPT,
      compatibilityDate: '2026-08-01',
      port,
      kvNamespaces: ['CACHE'],
      ratelimits: {
        LIMITER: { type: 'ratelimit', namespace_id: '1', simple: { limit: 1e9, period: 60 }, name: 'LIMITER' },
      },
      bindings: {
        WS_PROXY: wsProxy,
        PG_SOCKET: socket,
        PG_ADDRESS: `${url.hostname}:${url.port || 5432}`,
        PG_USER: decodeURIComponent(url.username) || 'postgres',
        PG_DATABASE: url.pathname.slice(1) || 'postgres',
      },
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  )
  await mf.ready
  // A page as the lists cache it: 50 rows of about 600 bytes.
  const row = (i: number) => ({
    id: crypto.randomUUID(),
    name: `Organisation ${i}`,
    city: 'Lyon',
    notes: 'x'.repeat(500),
  })
  await (await mf.getKVNamespace('CACHE')).put(
    'page',
    JSON.stringify({ data: Array.from({ length: 50 }, (_, i) => row(i)) }),
  )
  const base = `http://127.0.0.1:${port}`
  const check = await fetch(`${base}/db`)
  if (check.status !== 200) throw new Error(`the connection floor's Worker answered ${check.status}`)
  return { base, stop: () => mf.dispose() }
}
