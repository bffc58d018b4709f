// Export benchmark on the 100,000-organisation seed: each format built by the export service
// itself through the Neon driver and the wire server (the CSV as one COPY … TO STDOUT of the
// formatted cells; the workbook with charts and the PDF from the list service's pages), timed
// with its peak memory, and the physical floor of the CSV measured on the same database in the
// same run: COPY (…) TO STDOUT WITH CSV of the same raw columns (PGlite's COPY to a blob, no wire
// in between), the export's own COPY statement in-process, and a plain SELECT of the same rows
// through the same driver (the wire floor).
//   node bench/exports.bench.ts                         data dir /tmp/crm-bench-exports (seeded once)
//   node bench/exports.bench.ts --data-dir .data/bench  reuse the search benchmark's seed
//   node bench/exports.bench.ts --csv-only              the CSV and its floors only (a few seconds)
// The database runs in a child process, so this process's memory and CPU time are the export's
// own (the driver's included, as in the Worker): CPU ms is what the Worker's CPU limit counts,
// wall ms adds the database's time. Per-row figures feed worker/exports/export-limits.ts.
import { fork } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { ensureSeeded, hasCluster } from './app.ts'
import { arg, restartWithTypeTransform } from './cli.ts'

restartWithTypeTransform(['--expose-gc'])

const DATA_DIR = arg('data-dir', '/tmp/crm-bench-exports')
const ORGANISATIONS = Number(arg('organisations', '100000'))
const CSV_ONLY = process.argv.includes('--csv-only')

const COPY_SQL = `COPY (select o.name, o.type, o.category, o.pipeline_stage, o.amount, o.city, o.country, o.email,
  o.phone, u.name, o.is_active, o.last_contact_at, o.created_at from organisations o
  left join users u on u.id = o.owner_id
  where o.deleted_at is null order by o.name, o.id) TO '/dev/blob' WITH CSV`

// Child roles: COPY on the data dir; or the database served over the wire (as `npm start` does).
if (process.argv.includes('--copy-child')) {
  const { PGlite } = await import('@electric-sql/pglite')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent')
  const db = await PGlite.create({ dataDir: DATA_DIR, extensions: { pg_trgm, unaccent } })
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const r = await db.query(COPY_SQL)
    times.push(performance.now() - started)
    bytes = r.blob?.size ?? 0
  }
  // The export's own COPY statement in the same process, no wire: what the CSV costs the database.
  const { drizzle } = await import('drizzle-orm/pglite')
  const { actingUser } = await import('../worker/auth/acting-user.ts')
  const { copySql } = await import('../worker/db/copy-out.ts')
  const { copyOptions, csvQuery } = await import('../worker/exports/csv-sql.ts')
  const { CSV_SOURCES } = await import('../worker/exports/csv-sources.ts')
  const { LAYOUTS } = await import('../worker/exports/export-columns.ts')
  const { FILTER_SCHEMAS } = await import('../worker/exports/export.schema.ts')
  const pdb = drizzle(db) as never
  const [row] = (await db.query<{ id: string }>(`select id from users where email = 'admin@demo.crm'`)).rows
  const user = (await actingUser(pdb, row!.id))!
  const filters = FILTER_SCHEMAS.organisations.parse({}) as Record<string, unknown>
  const source = CSV_SOURCES.organisations(user, filters)
  const statement = copySql(csvQuery(LAYOUTS.organisations.columns, source, ';'))
  const sqlTimes: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    await db.query(`COPY (${statement}) TO '/dev/blob' WITH (${copyOptions(';')})`)
    sqlTimes.push(performance.now() - started)
  }
  await db.close()
  process.send!({ ms: Math.min(...times), bytes, sqlMs: Math.min(...sqlTimes) })
  process.exit(0)
}
if (process.argv.includes('--db-child')) {
  const { startLocalDb } = await import('../scripts/local-db.ts')
  const local = await startLocalDb({ dataDir: DATA_DIR })
  process.send!({ databaseUrl: local.databaseUrl, wsProxy: local.wsProxy })
  process.on('message', async () => {
    await local.stop()
    process.exit(0)
  })
  await new Promise(() => {})
}

const child = (flag: string) => fork(process.argv[1]!, [flag, '--data-dir', DATA_DIR], { execArgv: process.execArgv })
const firstMessage = <T>(p: ReturnType<typeof child>) =>
  new Promise<T>((resolve) => p.once('message', resolve as never))

await ensureSeeded({
  dataDir: DATA_DIR,
  organisations: ORGANISATIONS,
  dbEnv: { DATABASE_URL: '' },
  isSeeded: hasCluster(DATA_DIR),
})

const copy = await firstMessage<{ ms: number; bytes: number; sqlMs: number }>(child('--copy-child'))
const dbChild = child('--db-child')
const conn = await firstMessage<{ databaseUrl: string; wsProxy: string }>(dbChild)

const { sql } = await import('drizzle-orm')
const { createDb } = await import('../worker/db/client.ts')
const { effectivePermissions } = await import('../worker/permissions/matrix.ts')
const { buildExport, countRows } = await import('../worker/exports/export.service.ts')
const { FILTER_SCHEMAS } = await import('../worker/exports/export.schema.ts')
const { INLINE_ROWS } = await import('../worker/exports/export-limits.ts')
const { db, pool } = createDb({ DATABASE_URL: conn.databaseUrl, DB_WS_PROXY: conn.wsProxy })

const [u] = (
  await db.execute<{ id: string; email: string; name: string; team_id: string | null }>(
    sql`select id, email, name, team_id from users where email = 'admin@demo.crm'`,
  )
).rows
const admin = {
  id: u!.id,
  email: u!.email,
  name: u!.name,
  role: 'admin' as const,
  teamId: u!.team_id,
  mustChangePassword: false,
  permissions: effectivePermissions('admin', []),
  via: 'session' as const,
}
const filtersOf = (raw: Record<string, string>) => FILTER_SCHEMAS.organisations.parse(raw) as Record<string, unknown>

// Filters whose row count is nearest a target (the seed spreads types, stages, categories).
async function filtersNear(target: number) {
  const types = ['INVESTISSEUR', 'FOURNISSEUR', 'DISTRIBUTEUR', 'EMETTEUR']
  const stages = ['PROSPECT', 'QUALIFICATION', 'PROPOSITION', 'SIGNE']
  const candidates: Record<string, string>[] = [{}]
  for (const type of types) candidates.push({ type })
  for (const stage of stages) candidates.push({ stage }, { type: 'INVESTISSEUR', stage })
  for (const category of ['OPCVM', 'ETF', 'SCPI']) candidates.push({ category }, { category, stage: 'PROSPECT' })
  candidates.push({ type: 'INVESTISSEUR', stage: 'SIGNE', category: 'OPCVM' }, { stage: 'SIGNE', category: 'ETF' })
  // Cities are spread evenly over 28: the initial T (Toulouse, Toulon, Tours) holds about 10,700.
  for (const city of ['T', 'To', 'L', 'M']) candidates.push({ city })
  let best = { raw: {} as Record<string, string>, n: 0 }
  for (const raw of candidates) {
    const n = await countRows(db, admin, 'organisations', filtersOf(raw))
    if (Math.abs(n! - target) < Math.abs(best.n - target)) best = { raw, n: n! }
  }
  return best
}

type Run = {
  label: string
  rows: number
  ms: number
  cpuMs: number
  peakMb: number
  rssMb: number
  bytes: number
  target: number
}
const runs: Run[] = []

async function measure(label: string, format: 'csv' | 'xlsx' | 'pdf', raw: Record<string, string>, target: number) {
  globalThis.gc?.()
  // heapUsed + external: the V8 heap plus buffers and blobs held outside it (the file itself).
  const base = process.memoryUsage()
  const baseline = base.heapUsed + base.external
  let peak = 0
  let rssPeak = 0
  const sample = () => {
    const m = process.memoryUsage()
    peak = Math.max(peak, m.heapUsed + m.external - baseline)
    rssPeak = Math.max(rssPeak, m.rss - base.rss)
  }
  const sampler = setInterval(sample, 5)
  const { sep, ...filters } = raw
  const cpu = process.cpuUsage()
  const started = performance.now()
  const built = await buildExport({
    db,
    user: admin,
    entity: 'organisations',
    format,
    filters: filtersOf(filters),
    sep: sep === ',' ? ',' : ';',
    firm: 'CRM Distribution',
    filtersText: Object.entries(raw).map(([k, v]) => `${k} : ${v}`),
    // Rendering runs between the database's replies without yielding to timers: sample per page too.
    onProgress: async () => sample(),
  })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  clearInterval(sampler)
  sample()
  runs.push({
    label,
    rows: built!.rowCount,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakMb: peak / 2 ** 20,
    rssMb: rssPeak / 2 ** 20,
    bytes: built!.body.size,
    target,
  })
}

// The wire floor: the same rows and columns as plain SELECT through the same driver.
async function selectFloor() {
  const started = performance.now()
  const r = await pool.query(COPY_SQL.replace(/^COPY \(/, '').replace(/\) TO '\/dev\/blob' WITH CSV$/, ''))
  return { ms: performance.now() - started, rows: r.rowCount }
}

const loadBefore = loadavg()
try {
  await measure('warm-up (CSV, 1 page)', 'csv', { type: 'INVESTISSEUR', stage: 'SIGNE', category: 'OPCVM' }, 0)
  runs.length = 0
  const select = await selectFloor()
  await measure('CSV, all organisations', 'csv', {}, 2000)
  await measure('CSV, all organisations, again', 'csv', {}, 2000)
  await measure('CSV, all organisations, comma', 'csv', { sep: ',' }, 2000)
  if (!CSV_ONLY) await otherFormats()

  async function otherFormats() {
    const tenK = await filtersNear(10_000)
    const oneK = await filtersNear(1_000)
    await measure(`Excel + charts ${JSON.stringify(tenK.raw)}`, 'xlsx', tenK.raw, 2000)
    await measure('Excel + charts, all (background)', 'xlsx', {}, 15_000)
    await measure(`PDF ${JSON.stringify(oneK.raw)}`, 'pdf', oneK.raw, 2000)
    await measure(`PDF ${JSON.stringify(tenK.raw)}`, 'pdf', tenK.raw, 10_000)
  }

  console.log(`\nExport benchmark: PGlite (${DATA_DIR}), served over the wire to the Neon driver; admin scope`)
  const cols = ['rows', 'wall ms', 'target', 'CPU ms', 'peak MB', 'RSS MB', 'file KB', 'CPU µs/row', 'peak KB/row']
  console.log(`${'export'.padEnd(56)}${cols.map((c) => c.padStart(12)).join('')}`)
  for (const r of runs) {
    const cells = [
      String(r.rows),
      r.ms.toFixed(0),
      `< ${r.target}`,
      r.cpuMs.toFixed(0),
      r.peakMb.toFixed(1),
      r.rssMb.toFixed(1),
      (r.bytes / 1024).toFixed(0),
      ((1000 * r.cpuMs) / r.rows).toFixed(1),
      ((1024 * r.peakMb) / r.rows).toFixed(2),
    ]
    console.log(`${r.label.slice(0, 55).padEnd(56)}${cells.map((c) => c.padStart(12)).join('')}`)
  }
  const csv = runs[0]!
  console.log(`\nCSV floor, same rows and columns, same database:`)
  const copyKb = (copy.bytes / 1024).toFixed(0)
  console.log(
    `  COPY (…) TO STDOUT WITH CSV (in-process, best of 3)  ${copy.ms.toFixed(0).padStart(6)} ms  ${copyKb} KB`,
  )
  const sqlMs = copy.sqlMs.toFixed(0).padStart(6)
  const sqlOverCopy = (copy.sqlMs / copy.ms).toFixed(2)
  console.log(`  the export's own COPY (in-process, best of 3)        ${sqlMs} ms  (/ COPY = ${sqlOverCopy})`)
  console.log(
    `  SELECT of the same rows through the driver         ${select.ms.toFixed(0).padStart(6)} ms  ${select.rows} rows`,
  )
  console.log(
    `  export CSV / COPY = ${(csv.ms / copy.ms).toFixed(2)}   export CSV / SELECT = ${(csv.ms / select.ms).toFixed(2)}`,
  )
  console.log(
    `\nInline limits (worker/exports/export-limits.ts): ${JSON.stringify(INLINE_ROWS)}; past them, the EXPORTS queue.`,
  )
  console.log('Peak MB: V8 heap + external (buffers, blobs) above the idle baseline, sampled every 5 ms (the Worker')
  console.log(
    "has 128 MB); RSS MB: the process's resident growth, an upper bound (freed memory is not returned at once).",
  )
  console.log(
    `${cpus().length} CPUs; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} after`,
  )
} finally {
  await pool.end()
  dbChild.send('stop')
}
