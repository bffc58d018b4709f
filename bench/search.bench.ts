// Search benchmark: the large seed (100,000 organisations, 200,000 people), the app started on
// it, mixed queries through the HTTP API (client time and the server's own Server-Timing), then
// the very same SQL straight on the same database, so the API's overhead shows as a ratio.
//   npm run bench                                   embedded PGlite in .data/bench (seeded once)
//   npm run bench -- --queries 2000 --reseed
//   DATABASE_URL=postgres://postgres@127.0.0.1:6432/crm_bench npm run bench    any real Postgres, best
//     behind a transaction pooler (PgBouncer), as production is behind Neon's (decision 003)
import { cpus, loadavg } from 'node:os'
import { benchQueries, type BenchQuery } from './queries.ts'
import { percentiles, printTable, type Sample } from './stats.ts'
import { arg, restartWithTypeTransform } from './cli.ts'

restartWithTypeTransform()

const ORGANISATIONS = Number(arg('organisations', '100000'))
const QUERIES = Number(arg('queries', '1200'))
const WARM_UP = 40
const DATA_DIR = arg('data-dir', '.data/bench')
const realPostgres = process.env.DATABASE_URL

const { startWsProxy } = await import('./ws-proxy.ts')
const proxy = realPostgres ? await startWsProxy(hostPort(realPostgres)) : null
const dbEnv = realPostgres
  ? { DATABASE_URL: realPostgres, DB_WS_PROXY: proxy!.wsProxy }
  : { DATABASE_URL: '', CRM_DATA_DIR: DATA_DIR }

function hostPort(url: string) {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port || 5432) }
}

// 1. The data set, seeded once and reused (scripts/seed.ts generates it inside Postgres).
const { ensureSeeded, hasCluster, hasOrganisations, startApp: start } = await import('./app.ts')
const { ip, signIn } = await import('./load.ts')
const seed = () =>
  ensureSeeded({
    dataDir: DATA_DIR,
    organisations: ORGANISATIONS,
    dbEnv: realPostgres ? dbEnv : { DATABASE_URL: '' },
    isSeeded: realPostgres ? hasOrganisations(dbEnv, ORGANISATIONS) : hasCluster(DATA_DIR),
  })

// 2. The app as `npm start` runs it, on the big database.
const startApp = () =>
  start({ env: { ...dbEnv, CRM_PERSIST_DIR: '.wrangler/bench', CRM_VITE_CACHE: 'node_modules/.vite-bench' } })

const pathOf = (q: BenchQuery) =>
  q.endpoint === 'search'
    ? `/api/v1/search?${new URLSearchParams({ q: q.q, limit: '5' })}`
    : `/api/v1/search/autocomplete?${new URLSearchParams({ q: q.q })}`

async function runApi(queries: BenchQuery[]) {
  const app = await startApp()
  try {
    const cookies = Object.fromEntries(
      await Promise.all((['admin', 'manager', 'sales'] as const).map(async (u) => [u, await signIn(app.base, u)])),
    )
    const samples: Sample[] = []
    for (const [i, q] of queries.entries()) {
      const started = performance.now()
      const res = await fetch(app.base + pathOf(q), { headers: { cookie: cookies[q.user]!, 'cf-connecting-ip': ip() } })
      await res.arrayBuffer()
      const client = performance.now() - started
      if (res.status !== 200) throw new Error(`${res.status} for ${JSON.stringify(q)}`)
      const server = Number(res.headers.get('server-timing')?.match(/search;dur=([\d.]+)/)?.[1])
      if (i >= WARM_UP) samples.push({ q, client, server })
      if ((i + 1) % 200 === 0) console.log(`  ${i + 1} / ${queries.length}`)
    }
    return samples
  } finally {
    await app.stop()
  }
}

// 3. The same statements on the same database, through one warm connection: the service
// itself is called, with db.execute timed, so the SQL is exactly the API's.
async function runSql(queries: BenchQuery[]) {
  const { sql } = await import('drizzle-orm')
  const { createDb } = await import('../worker/db/client.ts')
  const { effectivePermissions } = await import('../worker/permissions/matrix.ts')
  const { search, autocomplete } = await import('../worker/search/search.service.ts')
  const { SearchQuery, AutocompleteQuery } = await import('../worker/search/search.schema.ts')
  const local = realPostgres ? null : await (await import('../scripts/local-db.ts')).startLocalDb({ dataDir: DATA_DIR })
  const { db, pool } = createDb(
    local ? { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy } : (dbEnv as { DATABASE_URL: string }),
  )
  try {
    const counts = (
      await db.execute<{ o: number; p: number }>(
        sql`select (select count(*) from organisations)::int o, (select count(*) from people)::int p`,
      )
    ).rows[0]!
    const users = (
      await db.execute<{ id: string; email: string; name: string; role: 'admin'; team_id: string | null }>(
        sql`select id, email, name, role, team_id from users
          where email in ('admin@demo.crm', 'manager@demo.crm', 'sales@demo.crm')`,
      )
    ).rows
    const authUser = (name: string) => {
      const u = users.find((x) => x.email === `${name}@demo.crm`)!
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        teamId: u.team_id,
        mustChangePassword: false,
        permissions: effectivePermissions(u.role, []),
        via: 'session' as const,
      }
    }
    let sqlMs = 0
    const execute = db.execute.bind(db)
    db.execute = (async (statement: Parameters<typeof execute>[0]) => {
      const started = performance.now()
      try {
        return await execute(statement)
      } finally {
        sqlMs += performance.now() - started
      }
    }) as typeof db.execute
    const samples: Sample[] = []
    for (const [i, q] of queries.entries()) {
      sqlMs = 0
      const user = authUser(q.user)
      if (q.endpoint === 'search') await search(db, user, SearchQuery.parse({ q: q.q, limit: '5' }))
      else await autocomplete(db, user, AutocompleteQuery.parse({ q: q.q }))
      if (i >= WARM_UP) samples.push({ q, sql: sqlMs })
    }
    return { samples, counts }
  } finally {
    await pool.end()
    await local?.stop()
  }
}

await seed()
const loadBefore = loadavg()[0]!
const queries = benchQueries(QUERIES + WARM_UP, ORGANISATIONS)
console.log(`running ${QUERIES} mixed queries (+${WARM_UP} warm-up) through the API…`)
const api = await runApi(queries)
console.log('running the same SQL directly…')
const bare = await runSql(queries)
await proxy?.stop()

const engine = realPostgres
  ? `Postgres (${new URL(realPostgres).host})`
  : `PGlite (embedded Postgres in WASM, ${DATA_DIR})`
console.log(
  `\nSearch benchmark: ${engine}, ${bare.counts.o.toLocaleString('en')} organisations, ` +
    `${bare.counts.p.toLocaleString('en')} people, ${api.length} queries`,
)
console.log(
  'client = HTTP round trip seen by the benchmark (sign-in check, new DB connection, JSON); ' +
    'server = Server-Timing of the',
)
console.log(
  'search handler (dictionary look-up + search statement + highlighting); ' +
    'sql = the same statements on one warm connection.',
)
// The figures depend on what else the machine runs: say so next to them.
console.log(
  `${cpus().length} CPUs; load average ${loadBefore.toFixed(1)} before the run, ${loadavg()[0]!.toFixed(1)} after.\n`,
)
// The Worker opens a connection per request: straight to Postgres, each meets a new backend with
// cold caches; production goes through Neon's pooled endpoint, which keeps backends warm.
if (realPostgres)
  console.log(
    '(Worker connections are per request: give DATABASE_URL a transaction pooler such as PgBouncer, ' +
      "as Neon's pooled endpoint, or server times include cold backends.)\n",
  )
printTable(api.map((s, i) => ({ ...s, sql: bare.samples[i]!.sql })))
console.log(`\nTargets: search p95 < 50 ms, autocomplete p95 < 20 ms (server side).`)
const p95 = (endpoint: string) => percentiles(api.filter((s) => s.q.endpoint === endpoint).map((s) => s.server!))[1]
console.log(
  `Measured server p95: search ${p95('search').toFixed(1)} ms, autocomplete ${p95('autocomplete').toFixed(1)} ms`,
)
