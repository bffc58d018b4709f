// Webhooks benchmark: the app started as `npm start` does (in-memory PGlite, workerd with its
// local Queues), one endpoint on a local receiver, 1,000 organisations created through the API.
// Prints throughput and commit → receipt latency (commit = the event's occurredAt, stamped in the
// write's transaction), then the floor measured in the same run: the same signed POSTs sent
// straight from Node to the same receiver.
//   node bench/webhooks.bench.ts [--events 1000] [--concurrency 8]
import { rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { startApp } from './app.ts'
import { arg, restartWithTypeTransform } from './cli.ts'
import { ip, PASSWORD } from './load.ts'

restartWithTypeTransform()

const { WebhookReceiver } = await import('../tests/setup/webhook-receiver.ts')
const { webhookHeaders } = await import('../worker/webhooks/signature.ts')
const { percentiles } = await import('./stats.ts')

const EVENTS = Number(arg('events', '1000'))
const CONCURRENCY = Number(arg('concurrency', '8'))

async function pool<T>(count: number, width: number, job: (i: number) => Promise<T>) {
  let next = 0
  const out: T[] = []
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++
        out[i] = await job(i)
      }
    }),
  )
  return out
}

const fmt = (n: number) => n.toFixed(0).padStart(8)

// Each run its own state directory and names, so runs side by side do not meet.
const run = process.pid
const stateDir = `.wrangler/bench-webhooks-${run}`
const app = await startApp({ args: ['--memory'], env: { CRM_PERSIST_DIR: stateDir, DATABASE_URL: '' } })
const base = app.base
const receiver = await new WebhookReceiver().start()

try {
  let cookie = ''
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', origin: base, cookie, 'cf-connecting-ip': ip() },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) cookie = setCookie.split(';')[0]!
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> }
  }
  await call('POST', '/api/v1/auth/login', { email: 'admin@demo.crm', password: PASSWORD })
  const hook = await call('POST', '/api/v1/webhooks', { url: receiver.url('/bench'), events: ['organisation.created'] })
  if (hook.status !== 201) throw new Error(`endpoint not created: ${JSON.stringify(hook.body)}`)

  console.log(
    `webhooks benchmark: ${EVENTS} events, ${CONCURRENCY} writers, ${cpus().length} cores, load ` +
      `${loadavg()[0]!.toFixed(1)}`,
  )
  const started = Date.now()
  const created = await pool(EVENTS, CONCURRENCY, async (i) => {
    const res = await call('POST', '/api/v1/organisations', {
      name: `Bench webhook ${run}-${i}`,
      type: 'INVESTISSEUR',
    })
    if (res.status !== 201) throw new Error(`create failed: ${res.status}`)
    return Date.now()
  })
  const writesDone = Math.max(...created)
  const deadline = Date.now() + 15 * 60_000
  const unique = () =>
    new Set(
      receiver
        .at('/bench')
        .filter((r) => r.status === 200)
        .map((r) => r.headers['webhook-id']),
    ).size
  while (unique() < EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
  const got = receiver.at('/bench')
  const firstById = new Map<string, { at: number; occurredAt: number }>()
  for (const r of got) {
    const id = r.headers['webhook-id']!
    if (!firstById.has(id)) firstById.set(id, { at: r.at, occurredAt: Date.parse(JSON.parse(r.body).occurredAt) })
  }
  const latencies = [...firstById.values()].map((v) => v.at - v.occurredAt)
  const lastReceipt = Math.max(...[...firstById.values()].map((v) => v.at))
  const [p50, p95, p99, max] = percentiles(latencies)
  const seconds = (lastReceipt - started) / 1000
  console.log(`\nthrough the app (API write → outbox → EVENTS queue → WEBHOOKS queue → signed POST)`)
  console.log(
    `  received ${firstById.size}/${EVENTS} distinct events (${got.length} requests, duplicates ` +
      `${got.length - firstById.size})`,
  )
  console.log(
    `  writes done in ${((writesDone - started) / 1000).toFixed(1)} s, last receipt at ${seconds.toFixed(1)} s`,
  )
  console.log(`  throughput ${(firstById.size / seconds).toFixed(1)} events/s end to end`)
  console.log(`  commit → receipt (ms)   p50${fmt(p50)}   p95${fmt(p95)}   p99${fmt(p99)}   max${fmt(max)}`)

  // Where the time goes, on the newest 100 events (one page of the admin events API): commit →
  // outbox row sent to the EVENTS queue → attempt started (EVENTS consumer, fan-out, WEBHOOKS
  // queue, claim) → receipt (sign and POST). Same machine, one clock.
  const outbox = (await call('GET', '/api/v1/admin/events?type=organisation.created&limit=100')).body.data as {
    id: string
    dispatchedAt: string | null
  }[]
  const attemptStart = new Map<string, number>()
  let cursor: string | null = null
  do {
    const page = await call(
      'GET',
      `/api/v1/webhooks/${hook.body.id}/deliveries?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    for (const d of page.body.data as { eventId: string; createdAt: string; durationMs: number }[]) {
      attemptStart.set(d.eventId, Date.parse(d.createdAt) - d.durationMs)
    }
    cursor = page.body.nextCursor as string | null
  } while (cursor)
  const stages: [number[], number[], number[]] = [[], [], []]
  for (const e of outbox) {
    const got1 = firstById.get(e.id)
    const started1 = attemptStart.get(e.id)
    if (!got1 || !started1 || !e.dispatchedAt) continue
    stages[0].push(Date.parse(e.dispatchedAt) - got1.occurredAt)
    stages[1].push(started1 - Date.parse(e.dispatchedAt))
    stages[2].push(got1.at - started1)
  }
  const names = ['commit → outbox sent', 'sent → attempt start', 'attempt → receipt']
  stages.forEach((v, i) => {
    const [s50, s95] = percentiles(v)
    console.log(`  ${names[i]!.padEnd(22)} (ms, ${v.length} events)   p50${fmt(s50)}   p95${fmt(s95)}`)
  })

  // Floor: the same signed POST straight from Node to the same receiver, as many, as wide.
  const secret = String(hook.body.secret)
  const body = got[0]!.body
  const floorStart = Date.now()
  const floor = await pool(EVENTS, CONCURRENCY, async () => {
    const t0 = performance.now()
    const id = crypto.randomUUID()
    await fetch(receiver.url('/floor'), {
      method: 'POST',
      headers: await webhookHeaders([secret], id, Math.floor(Date.now() / 1000), body),
      body,
    }).then((r) => r.text())
    return performance.now() - t0
  })
  const floorSeconds = (Date.now() - floorStart) / 1000
  const [f50, f95] = percentiles(floor)
  console.log(`\nfloor (signed POST from Node to the receiver, no app)`)
  console.log(
    `  throughput ${(EVENTS / floorSeconds).toFixed(1)} events/s; latency p50 ${f50.toFixed(1)} ms, p95 ` +
      `${f95.toFixed(1)} ms`,
  )
  console.log(`  ratio app / floor: p50 ${(p50 / f50).toFixed(0)}×, p95 ${(p95 / f95).toFixed(0)}×`)
} finally {
  await receiver.stop()
  await app.stop()
  rmSync(stateDir, { recursive: true, force: true })
}
