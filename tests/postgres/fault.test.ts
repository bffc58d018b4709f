// The database stops under traffic: the API answers 503 problem+json with Retry-After and pages
// say "service momentanément indisponible", never a 500; when it is back, the same Worker serves
// again without a restart, and every write that was acknowledged is there exactly once. The stack
// runs as `npm start` does on a plain Postgres given by DATABASE_URL alone (it starts its own
// WebSocket bridge, scripts/db-bridge.ts).
import { fork, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startWsProxy } from '../../scripts/db-bridge.ts'
import { runMigrations } from '../../scripts/migrate.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { createDb } from '../../worker/db/client.ts'
import { startRealPostgres, type RealPostgres } from '../setup/real-postgres.ts'
import { freePort } from '../../scripts/free-port.ts'

let pg: RealPostgres
let app: ChildProcess | undefined
let base = ''
let stateDir = ''
const unhandled: string[] = []

beforeAll(async () => {
  pg = await startRealPostgres()
  // A small demo set first, so the app's start-up finds data and skips its full seed.
  const url = new URL(pg.databaseUrl)
  const bridge = await startWsProxy({ host: url.hostname, port: Number(url.port) })
  const config = { DATABASE_URL: pg.databaseUrl, DB_WS_PROXY: bridge.wsProxy }
  await runMigrations(config)
  const { db, pool } = createDb(config)
  await seedDemo(db, { organisations: 12, people: 12 })
  await pool.end()
  await bridge.stop()
  const port = await freePort()
  stateDir = `.wrangler/fault-${port}`
  app = fork('scripts/start.ts', ['--dev', '--quiet'], {
    env: {
      ...process.env,
      PORT: String(port),
      CRM_TEST: '1',
      CRM_PERSIST_DIR: stateDir,
      CRM_VITE_CACHE: `node_modules/.vite-test-${port}`,
      DATABASE_URL: pg.databaseUrl,
      DB_WS_PROXY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  // The app's logs (503s logged as errors, on purpose here) are kept for a failed start, and its
  // unhandled errors (a 500) for the assertion that refuses them.
  const keep = (d: Buffer) => {
    output = (output + d).slice(-2000)
    for (const line of String(d).split('\n')) if (line.includes('"unhandled error"')) unhandled.push(line)
  }
  app.stdout?.on('data', keep)
  app.stderr?.on('data', keep)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 400 s:\n${output}`)), 400_000)
    app!.on('message', (m) => {
      if (m !== 'ready') return
      clearTimeout(timer)
      resolve()
    })
    app!.on('exit', (code) => reject(new Error(`the app exited during start-up (code ${code})`)))
  })
  base = `http://localhost:${port}`
}, 450_000)

afterAll(async () => {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM')
    await new Promise((r) => app!.once('exit', r))
  }
  pg?.destroy()
  rmSync(stateDir, { recursive: true, force: true })
})

const headers = (cookie = '') => ({
  'content-type': 'application/json',
  origin: base,
  cookie,
  'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('with the database stopped under traffic: 503s and the page message, then recovery with no lost or doubled ' +
  'write', {
  timeout: 180_000,
}, async () => {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ email: 'admin@demo.crm', password: 'Demo-Password-2026' }),
  })
  expect(login.status).toBe(200)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const prefix = `Fault ${Date.now().toString(36)}`
  const acknowledged: string[] = []
  const statuses: number[] = []
  const refusals: { status: number; type: string; retryAfter: string | null; body: string }[] = []
  let n = 0
  let running = true
  const writer = async () => {
    while (running) {
      const name = `${prefix} ${n++}`
      const res = await fetch(`${base}/api/v1/organisations`, {
        method: 'POST',
        headers: headers(cookie),
        body: JSON.stringify({ name, type: 'INVESTISSEUR' }),
      }).catch(() => null)
      if (!res) continue
      const body = await res.text()
      statuses.push(res.status)
      if (res.status === 201) acknowledged.push(name)
      else
        refusals.push({
          status: res.status,
          type: res.headers.get('content-type') ?? '',
          retryAfter: res.headers.get('retry-after'),
          body,
        })
    }
  }
  const writers = [writer(), writer()]
  await sleep(1500)
  pg.stop()
  await sleep(2500)
  const api = await fetch(`${base}/api/v1/organisations?limit=5`, { headers: headers(cookie) })
  const page = await fetch(`${base}/organisations`, { headers: headers(cookie) })
  const pageText = await page.text()
  pg.start()
  // Recovery: the same Worker answers again once the server is back, without a restart.
  const end = Date.now() + 60_000
  while ((await fetch(`${base}/api/v1/health`)).status !== 200 && Date.now() < end) await sleep(250)
  const okAfter = acknowledged.length
  while (acknowledged.length < okAfter + 3 && Date.now() < end) await sleep(100)
  running = false
  await Promise.all(writers)

  expect(api.status).toBe(503)
  expect(api.headers.get('content-type')).toContain('application/problem+json')
  expect(api.headers.get('retry-after')).toBeTruthy()
  expect(page.status).toBe(503)
  expect(pageText).toContain('Service momentanément indisponible')
  expect(
    statuses.filter((s) => s >= 500 && s !== 503),
    JSON.stringify({ refusals: refusals.slice(0, 3), unhandled: unhandled.slice(0, 3) }),
  ).toEqual([])
  expect(refusals.length).toBeGreaterThan(0)
  for (const r of refusals) {
    expect(r.status).toBe(503)
    expect(r.type).toContain('application/problem+json')
    expect(r.retryAfter).toBeTruthy()
  }
  expect(acknowledged.length).toBeGreaterThan(okAfter)

  // Every acknowledged write is stored exactly once.
  const stored: string[] = []
  let cursor: string | null = null
  do {
    const res = await fetch(
      `${base}/api/v1/organisations?limit=100&q=${encodeURIComponent(prefix)}${cursor ? `&cursor=${cursor}` : ''}`,
      { headers: headers(cookie) },
    )
    const body = (await res.json()) as { data: { name: string }[]; nextCursor: string | null }
    stored.push(...body.data.map((o) => o.name))
    cursor = body.nextCursor
  } while (cursor)
  for (const name of acknowledged)
    expect(
      stored.filter((s) => s === name),
      name,
    ).toHaveLength(1)
  expect(new Set(stored).size).toBe(stored.length)
  console.info(
    `fault: ${statuses.length} writes, ${acknowledged.length} acknowledged (all stored once), ${refusals.length} ` +
      `answered 503, ${stored.length - acknowledged.length} stored unacknowledged`,
  )
})
