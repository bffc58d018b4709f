// Notification latency benchmark: the app started on the small demo seed (in memory), 200
// sockets of the team Paris manager open, then 500 organisations created one after the other by
// a sales user of that team. Each write commits its outbox row; the dispatcher, the EVENTS queue,
// the consumer and the manager's NotificationHub bring the notification to every socket. Printed:
// from the write's answer (commit done) to the notification on the first and on the last of the
// 200 sockets, p50/p95; the write itself; and the physical floor on the same sockets, a ping
// answered by the hub's hibernation auto-response. Then a client that missed 1,000 notifications
// reconnects with {"resumeFrom": seq}: the time until the last one arrives.
//   npm exec -- node bench/notifications.bench.ts [--events 500] [--sockets 200] [--missed 1000] [--dev]
import { cpus, loadavg } from 'node:os'
import { percentiles } from './stats.ts'
import { arg, restartWithTypeTransform } from './cli.ts'

restartWithTypeTransform()

const EVENTS = Number(arg('events', '500'))
const SOCKETS = Number(arg('sockets', '200'))
const MISSED = Number(arg('missed', '1000'))
const WARM_UP = 20

const { startApp: start } = await import('./app.ts')
const { ip, signIn } = await import('./load.ts')

// --dev: Vite's dev server instead of the production build (which another process may rebuild
// under a long run in a shared checkout).
const startApp = () =>
  start({
    args: ['--memory', ...(process.argv.includes('--dev') ? ['--dev'] : [])],
    env: {
      DATABASE_URL: '',
      CRM_PERSIST_DIR: `.wrangler/bench-notifications-${process.pid}`,
      CRM_VITE_CACHE: 'node_modules/.vite-bench-notifications',
    },
  })

type Msg = { type: string; notification?: { seq: number; message: string }; replayed?: number }
type Sock = { ws: WebSocket; on: (f: (m: Msg | 'pong', at: number) => void) => void }

function open(base: string, cookie: string): Promise<Sock> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/notifications/ws`, {
    // Each socket its own client IP: the API rate limit counts per IP in test runs.
    headers: { cookie, origin: base, 'cf-connecting-ip': ip() },
  } as never)
  const listeners: ((m: Msg | 'pong', at: number) => void)[] = []
  ws.addEventListener('message', (e) => {
    const at = performance.now()
    const text = String(e.data)
    const m = text === 'pong' ? 'pong' : (JSON.parse(text) as Msg)
    for (const f of listeners) f(m, at)
  })
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve({ ws, on: (f) => listeners.push(f) }))
    ws.addEventListener('error', () => reject(new Error('socket error')))
  })
}

async function createOrganisation(base: string, cookie: string, name: string) {
  const res = await fetch(`${base}/api/v1/organisations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base, 'cf-connecting-ip': ip() },
    body: JSON.stringify({ name, type: 'INVESTISSEUR' }),
  })
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`)
  await res.arrayBuffer()
}

const row = (label: string, values: number[]) => {
  const [p50, p95, p99, max] = percentiles(values)
  const cells = [p50, p95, p99, max].map((v) => v!.toFixed(1).padStart(9)).join('')
  console.log(`${label.padEnd(44)}${String(values.length).padStart(6)}${cells}`)
}

const app = await startApp()
try {
  const manager = await signIn(app.base, 'manager')
  const sales = await signIn(app.base, 'sales')
  const sockets: Sock[] = []
  for (let i = 0; i < SOCKETS; i++) sockets.push(await open(app.base, manager))

  // Arrival times per notification message text, on each socket.
  const arrivals = new Map<string, number[]>()
  let lastSeq = 0
  for (const s of sockets) {
    s.on((m, at) => {
      if (m === 'pong' || m.type !== 'notification' || !m.notification) return
      lastSeq = Math.max(lastSeq, m.notification.seq)
      const key = m.notification.message
      arrivals.set(key, [...(arrivals.get(key) ?? []), at])
    })
  }

  // The floor: a ping answered by the runtime, on the same sockets, without the object waking.
  const floor: number[] = []
  for (let i = 0; i < 200; i++) {
    const s = sockets[i % sockets.length]!
    const started = performance.now()
    await new Promise<void>((resolve) => {
      s.on((m) => m === 'pong' && resolve())
      s.ws.send('ping')
    })
    floor.push(performance.now() - started)
  }

  const write: number[] = []
  const first: number[] = []
  const last: number[] = []
  const run = `bench-${Date.now().toString(36)}`
  for (let i = 0; i < EVENTS + WARM_UP; i++) {
    const name = `${run} ${i}`
    const key = `${name} a été créée.`
    const sent = performance.now()
    await createOrganisation(app.base, sales, name)
    const committed = performance.now()
    const deadline = committed + 10_000
    while ((arrivals.get(key)?.length ?? 0) < SOCKETS && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1))
    }
    const got = arrivals.get(key) ?? []
    if (got.length < SOCKETS) throw new Error(`event ${i}: ${got.length}/${SOCKETS} sockets after 10 s`)
    if (i < WARM_UP) continue
    write.push(committed - sent)
    first.push(Math.min(...got) - committed)
    last.push(Math.max(...got) - committed)
    if ((i + 1 - WARM_UP) % 100 === 0) console.log(`  ${i + 1 - WARM_UP} / ${EVENTS}`)
  }
  for (const s of sockets) s.ws.close()

  // Catch-up: 1,000 notifications committed while no socket is open, then one reconnection.
  const before = lastSeq
  const batches = Array.from({ length: MISSED }, (_, i) => `${run} manqué ${i}`)
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((n) => createOrganisation(app.base, sales, n)))
  }
  // Wait until the consumer stored all of them (the list's newest sequence stops moving).
  let newest = 0
  for (let stable = 0; stable < 5; ) {
    const res = await fetch(`${app.base}/api/v1/notifications?limit=1`, {
      headers: { cookie: manager, 'cf-connecting-ip': ip() },
    })
    const seq = ((await res.json()) as { data: { seq: number }[] }).data[0]?.seq ?? 0
    stable = seq === newest && seq - before >= MISSED ? stable + 1 : 0
    newest = seq
    await new Promise((r) => setTimeout(r, 200))
  }
  const phone = await open(app.base, manager)
  let replayed = 0
  const started = performance.now()
  const caughtUp = await new Promise<number>((resolve) => {
    phone.on((m, at) => {
      if (m !== 'pong' && m.type === 'notification') replayed++
      if (m !== 'pong' && m.type === 'resumed') resolve(at - started)
    })
    phone.ws.send(JSON.stringify({ resumeFrom: before }))
  })
  phone.ws.close()

  console.log(
    `\nnotifications: ${EVENTS} events, ${SOCKETS} sockets of one user; ${cpus().length} cores, load ` +
      `${loadavg()[0]!.toFixed(1)}`,
  )
  console.log(
    `${'measure (ms)'.padEnd(44)}${'n'.padStart(6)}${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(9)).join('')}`,
  )
  row('write answered (request → 201, commit done)', write)
  row('commit → first of the sockets', first)
  row('commit → last of the sockets', last)
  row('floor: ping → pong on the same sockets', floor)
  const [f50] = percentiles(floor)
  const [l50, l95] = percentiles(last)
  console.log(`${'ratio commit→last / floor'.padEnd(44)}${''.padStart(6)}${(l50! / f50!).toFixed(1).padStart(9)}`)
  console.log(`target p95 < 100 ms: ${l95! < 100 ? 'met' : 'NOT met'}`)
  console.log(`catch-up: ${replayed} missed notifications replayed in ${caughtUp.toFixed(0)} ms (resumeFrom → resumed)`)
} finally {
  await app.stop()
}
