// Import benchmark: organisations from a CSV, upload to "completed" through the HTTP API on the
// embedded Postgres (10,000 then 100,000 rows), then a bare multi-row INSERT of the same rows on
// the same database (the physical floor, so the import's overhead shows as a ratio), then the
// peak memory of parsing a 20 MB file against the Worker's 128 MB.
//   node bench/imports.bench.ts                      both sizes
//   node bench/imports.bench.ts --sizes 10000        one size
//   node bench/imports.bench.ts --updates            also re-import each file with every city and
//                                                    amount changed (upsert: all rows updated)
//   node bench/imports.bench.ts --floor              also what the organisations INSERT pays for
//                                                    each index and trigger (a table)
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { startApp as startAppWith } from './app.ts'
import { arg, restartWithTypeTransform } from './cli.ts'
import { ip, signIn } from './load.ts'

restartWithTypeTransform(['--expose-gc'])

const SIZES = arg('sizes', '10000,100000').split(',').map(Number)
const UPDATES = process.argv.includes('--updates')
const FLOOR = process.argv.includes('--floor')
const DATA_DIR = '.data/bench-imports'
const TYPES = ['INVESTISSEUR', 'FOURNISSEUR', 'DISTRIBUTEUR', 'EMETTEUR']
const CITIES = ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Lille', 'Nantes', 'Strasbourg', 'Toulouse']
type Org = { name: string; type: string; email: string; city: string; amount: string }
const rows = (n: number, tag: string): Org[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `Société ${tag} ${i}`,
    type: TYPES[i % 4]!,
    email: `contact@${tag.toLowerCase()}-${i}.fr`,
    city: CITIES[i % CITIES.length]!,
    amount: `${(i * 37) % 1_000_000},50`,
  }))
const toCsv = (orgs: Org[]) => {
  const lines = orgs.map((o) => `${o.name};${o.type};${o.email};${o.city};${o.amount}`)
  return `nom;type;email;ville;montant\r\n${lines.join('\r\n')}\r\n`
}

const startApp = () =>
  startAppWith({
    env: {
      DATABASE_URL: '',
      CRM_DATA_DIR: DATA_DIR,
      CRM_PERSIST_DIR: '.wrangler/bench-imports',
      CRM_VITE_CACHE: 'node_modules/.vite-bench-imports',
    },
  })

async function importThroughApi(base: string, cookie: string, csv: string) {
  const headers = { cookie, origin: base, 'cf-connecting-ip': ip() }
  const started = performance.now()
  const form = new FormData()
  form.set('entity', 'organisations')
  form.set('file', new Blob([csv]), 'bench.csv')
  const up = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers, body: form })
  const created = (await up.json()) as { id: string; mapping: string[] }
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(created)}`)
  const uploaded = performance.now()
  const start = await fetch(`${base}/api/v1/imports/${created.id}/start`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping: created.mapping, mode: 'upsert' }),
  })
  if (start.status !== 202) throw new Error(`start: ${start.status} ${await start.text()}`)
  for (;;) {
    // The dev server reloads the Worker when a file of the tree changes (others work in it): retry.
    const res = await fetch(`${base}/api/v1/imports/${created.id}`, { headers }).catch(() => null)
    const body = (await res?.json().catch(() => null)) as { status: string; counts: Record<string, number> } | null
    if (!body) {
      await new Promise((r) => setTimeout(r, 500))
      continue
    }
    if (body.status === 'completed' || body.status === 'failed') {
      return {
        total: performance.now() - started,
        upload: uploaded - started,
        status: body.status,
        counts: body.counts,
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

// The floor: the same rows as multi-row INSERTs of 1,000 (what a chunk writes), same database.
async function bareInsert(orgs: Org[]) {
  const { startLocalDb } = await import('../scripts/local-db.ts')
  const { createDb } = await import('../worker/db/client.ts')
  const { sql } = await import('drizzle-orm')
  const local = await startLocalDb({ dataDir: DATA_DIR })
  const { db, pool } = createDb({ DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy })
  const insert = async (batch: Org[], suffix: string) => {
    const values = batch.map((o) => {
      const email = o.email.replace('@', `@${suffix}-`)
      const amount = o.amount.replace(',', '.')
      return sql`(${`${o.name} ${suffix}`}, ${o.type}::organisation_type, ${email}, ${o.city}, ${amount}::numeric)`
    })
    await db.execute(
      sql`insert into organisations (name, type, email, city, amount) values ${sql.join(values, sql`, `)}`,
    )
  }
  // Warmed like the import (its first small run): dictionaries loaded, pages cached.
  await insert(orgs.slice(0, 1000), 'chauffe')
  const started = performance.now()
  for (let i = 0; i < orgs.length; i += 1000) await insert(orgs.slice(i, i + 1000), 'bare')
  const ms = performance.now() - started
  await pool.end()
  await local.stop()
  return ms
}

// What the INSERT floor is made of: each variant drops one index or trigger inside a transaction,
// inserts 1,000 organisations as the import does (owner and team set) five times, and rolls back.
// CPU time of this process, where PGlite runs: on a loaded machine the wall clock mostly measures
// the wait for a core (3-7x the CPU time at load 17-20).
async function insertFloor() {
  const { startLocalDb } = await import('../scripts/local-db.ts')
  const { createDb } = await import('../worker/db/client.ts')
  const local = await startLocalDb({ dataDir: DATA_DIR })
  const { pool } = createDb({ DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy })
  const c = await pool.connect()
  const q = async (text: string, params: unknown[] = []) => (await c.query(text, params)).rows
  const [owner] = await q('select id, team_id from users where team_id is not null limit 1')
  let batch = 0
  const insert = async () => {
    const orgs = rows(1000, `Plancher${batch++}`)
    const params: unknown[] = [owner.id, owner.team_id]
    const values = orgs.map((o) => {
      const b = params.push(o.name, o.type, o.email, o.city, o.amount.replace(',', '.'))
      return `($${b - 4}, $${b - 3}::organisation_type, $${b - 2}, $${b - 1}, $${b}::numeric, $1::uuid, $2::uuid)`
    })
    const cpu = process.cpuUsage()
    await q(`insert into organisations (name, type, email, city, amount, owner_id, team_id) values ${values}`, params)
    const used = process.cpuUsage(cpu)
    return (used.user + used.system) / 1000
  }
  const names = async (sql: string) => (await q(sql)).map((r) => Object.values(r)[0] as string)
  const indexes = await names(
    "select indexname from pg_indexes where tablename = 'organisations' " +
      "and indexname <> 'organisations_pkey' order by 1",
  )
  const triggers = await names(
    "select tgname from pg_trigger where tgrelid = 'organisations'::regclass " +
      'and not tgisinternal and tgtype & 4 = 4 order by 1',
  )
  const dropIndex = (i: string) => `drop index ${i}`
  const dropTrigger = (t: string) => `drop trigger ${t} on organisations`
  const variants: [string, string[]][] = [
    ['as migrated', []],
    ...indexes.map((i): [string, string[]] => [`without index ${i}`, [dropIndex(i)]]),
    ...triggers.map((t): [string, string[]] => [`without trigger ${t}`, [dropTrigger(t)]]),
    ['without any secondary index', indexes.map(dropIndex)],
    ['without any trigger', triggers.map(dropTrigger)],
    ['without indexes nor triggers', [...indexes.map(dropIndex), ...triggers.map(dropTrigger)]],
    ['as migrated (again)', []],
  ]
  await insert() // warm: dictionaries loaded, pages cached
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  console.log('organisations INSERT of 1,000 rows, CPU ms (median of 5)   ms   vs as migrated')
  let reference = 0
  for (const [label, drops] of variants) {
    await q('begin')
    for (const d of drops) await q(d)
    const times: number[] = []
    for (let i = 0; i < 5; i++) times.push(await insert())
    await q('rollback')
    const ms = times.sort((a, b) => a - b)[2]!
    reference ||= ms
    console.log(`${label.padEnd(58)}${ms.toFixed(0).padStart(6)}${(ms - reference).toFixed(0).padStart(9)}`)
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  c.release()
  await pool.end()
  await local.stop()
}

// Peak memory of parsing a 20 MB CSV (the largest file accepted), sampled every 5 ms during the
// parse (which yields to the event loop at each stored chunk).
async function parseMemory() {
  const { parseFile } = await import('../worker/imports/import-file.ts')
  const line = (i: number) =>
    `Société Mémoire ${i};INVESTISSEUR;contact@memoire-${i}.fr;Paris;1 234,50;${'note '.repeat(24)}\r\n`
  let csv = 'nom;type;email;ville;montant;notes\r\n'
  for (let i = 0; csv.length < 20 * 1024 * 1024 - 300 && i < 100_000; i++) csv += line(i)
  const bytes = new TextEncoder().encode(csv)
  csv = ''
  globalThis.gc?.()
  const before = process.memoryUsage()
  let peak = before.heapUsed + before.arrayBuffers
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers)
  }, 5)
  const started = performance.now()
  // Each chunk goes to R2 as it is full (here: dropped once handed over, as R2 streams it out).
  let stored = 0
  const parsed = await parseFile('memoire.csv', bytes, async (_, json) => {
    stored += json.length
    await new Promise((resolve) => setImmediate(resolve))
  })
  const after = process.memoryUsage()
  peak = Math.max(peak, after.heapUsed + after.arrayBuffers)
  clearInterval(timer)
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  const ms = (performance.now() - started).toFixed(0)
  const held = { before: before.heapUsed + before.arrayBuffers, after: after.heapUsed + after.arrayBuffers }
  console.log(
    `parse 20 MB CSV: ${mb(bytes.length)} MB, ${parsed.rowCount} rows in ${ms} ms; ` +
      `heap+buffers before ${mb(held.before)} MB, after ${mb(held.after)} MB ` +
      `(+${mb(held.after - held.before)} MB held), ${parsed.chunkCount} chunks (${mb(stored)} MB of JSON) ` +
      'handed to the store one at a time',
  )
  return { parsed, peak }
}

if (process.argv.includes('--parse-child')) {
  globalThis.gc?.()
  const idle = process.memoryUsage()
  const { peak } = await parseMemory()
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  console.log(
    `peak heap + buffers during the parse: ${mb(peak)} MB in a fresh process (idle before it: ` +
      `${mb(idle.heapUsed + idle.arrayBuffers)} MB; Worker limit 128 MB)`,
  )
  process.exit(0)
}

console.log(
  `load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
rmSync(DATA_DIR, { recursive: true, force: true })
const results: { n: number; api: Awaited<ReturnType<typeof importThroughApi>>; bare: number }[] = []
const updates: { n: number; api: Awaited<ReturnType<typeof importThroughApi>> }[] = []
const app = await startApp()
const all: Org[][] = []
try {
  const cookie = await signIn(app.base, 'manager')
  // A first small import warms the route modules, the queue and the connection paths.
  await importThroughApi(app.base, cookie, toCsv(rows(50, 'Chauffe')))
  for (const n of SIZES) {
    const orgs = rows(n, `B${n}`)
    all.push(orgs)
    const api = await importThroughApi(app.base, cookie, toCsv(orgs))
    results.push({ n, api, bare: 0 })
    if (UPDATES) {
      const changed = orgs.map((o, i) => ({ ...o, city: CITIES[(i + 1) % CITIES.length]!, amount: `${i},25` }))
      updates.push({ n, api: await importThroughApi(app.base, cookie, toCsv(changed)) })
    }
  }
} finally {
  await app.stop()
}
for (const [i, r] of results.entries()) r.bare = await bareInsert(all[i]!)
if (FLOOR) await insertFloor()
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
console.log('rows      upload→completed   (upload)   rows/s    bare INSERT   rows/s    ratio   status')
for (const r of results) {
  const rate = (ms: number) => Math.round(r.n / (ms / 1000))
  console.log(
    [
      String(r.n).padEnd(10),
      `${(r.api.total / 1000).toFixed(2)} s`.padStart(16),
      `${(r.api.upload / 1000).toFixed(2)} s`.padStart(11),
      String(rate(r.api.total)).padStart(9),
      `${(r.bare / 1000).toFixed(2)} s`.padStart(14),
      String(rate(r.bare)).padStart(9),
      `${(r.api.total / r.bare).toFixed(1)}×`.padStart(8),
      `   ${r.api.status} ${JSON.stringify(r.api.counts)}`,
    ].join(''),
  )
}
for (const u of updates) {
  console.log(
    [
      `${u.n} upd`.padEnd(10),
      `${(u.api.total / 1000).toFixed(2)} s`.padStart(16),
      `${(u.api.upload / 1000).toFixed(2)} s`.padStart(11),
      String(Math.round(u.n / (u.api.total / 1000))).padStart(9),
      ''.padStart(31),
      `   ${u.api.status} ${JSON.stringify(u.api.counts)}`,
    ].join(''),
  )
}
// In a fresh process: the figure must not carry what the imports above left in this one's heap
// (at 100,000 rows it started 50 MB higher than at 10,000 and read 128.3 MB for the same parse).
const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--parse-child'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
})
process.stdout.write(child.stdout)
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
