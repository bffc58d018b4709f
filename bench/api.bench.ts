// API benchmark (issue 16): on the large seed (100,000 organisations, 200,000 people), the
// production build served as `npm start` serves it, each request next to its own SQL.
//   node bench/api.bench.ts                                  PGlite in .data/bench (seeded once)
//   node bench/api.bench.ts --postgres --data-dir /tmp/x     Postgres 15 behind PgBouncer (apt-get)
//   options: --organisations 100000  --requests 200  --seconds 5  --reseed  --socket ws|tcp (Postgres)
// Prints: lists and detail at one client (API vs SQL vs SQL + session), a page view's statements
// and connections, throughput at 10 and 100 clients vs the no-database floor (a 401) with the
// Worker's CPU per request, the same for a bare Worker that only opens its connection and runs two
// statements (bench/connection-floor.ts: the least any Worker reading Postgres costs) and what a
// local rate-limit call and KV read cost inside workerd, the sales
// people list, dashboard and analytics SQL, first-load JS, and the load average.
import { readdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { arg, restartWithTypeTransform } from './cli.ts'

restartWithTypeTransform()

const { closedLoop, ip, p50, p95, signIn, timedGet } = await import('./load.ts')
const { firstLoadJs, PAGES, PAGE_WEIGHT_BUDGET_KB } = await import('./page-weight.ts')
const { measureSql } = await import('./api-sql.ts')
const { startConnectionFloor } = await import('./connection-floor.ts')
const { cpuMs, workerdUnder } = await import('../scripts/processes.ts')

const POSTGRES = process.argv.includes('--postgres')
const ORGANISATIONS = Number(arg('organisations', '100000'))
const REQUESTS = Number(arg('requests', '200'))
const SECONDS = Number(arg('seconds', '5'))
const DATA_DIR = arg('data-dir', POSTGRES ? '.data/bench-postgres' : '.data/bench')
const loadBefore = loadavg()

// 1. The database: PGlite in DATA_DIR, or a Postgres 15 cluster there behind PgBouncer.
const { startWsProxy } = await import('./ws-proxy.ts')
const pgPort = arg('pg-port', '')
const pg = POSTGRES
  ? await (await import('./postgres.ts')).startPostgres(DATA_DIR, pgPort ? Number(pgPort) : undefined)
  : null
const direct = pg ? await startWsProxy(hostPort(pg.directUrl)) : null
const pooled = pg ? await startWsProxy(hostPort(pg.pooledUrl)) : null
const seedEnv = pg ? { DATABASE_URL: pg.directUrl, DB_WS_PROXY: direct!.wsProxy } : { DATABASE_URL: '' }
// The Worker reaches PgBouncer by WebSocket through a bridge, as `npm start` does; `--socket tcp`
// measures it over a TCP socket instead (DB_SOCKET=tcp, the way it would reach Hyperdrive).
const SOCKET = arg('socket', 'ws')
const pooledEnv = pg ? { DATABASE_URL: pg.pooledUrl, DB_WS_PROXY: pooled!.wsProxy } : null
const appEnv = pooledEnv ? { ...pooledEnv, DB_SOCKET: SOCKET } : { DATABASE_URL: '', CRM_DATA_DIR: DATA_DIR }

function hostPort(url: string) {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port || 5432) }
}

const { ensureSeeded, hasCluster, hasOrganisations, startApp: start } = await import('./app.ts')
const seed = () =>
  ensureSeeded({
    dataDir: DATA_DIR,
    organisations: ORGANISATIONS,
    dbEnv: seedEnv,
    isSeeded: pg ? hasOrganisations(seedEnv, ORGANISATIONS) : hasCluster(DATA_DIR),
  })

// 2. The app as `npm start` runs it: the production build in workerd.
const startApp = () => start({ env: { ...appEnv, CRM_PERSIST_DIR: `${DATA_DIR}-wrangler` }, timeoutSeconds: 600 })

type Case = {
  name: string
  user: 'admin' | 'sales'
  paths: string[]
  kind: 'organisations' | 'organisation' | 'people'
}
const ms = (n: number) => n.toFixed(1).padStart(8)

async function runApi() {
  const app = await startApp()
  let bareWorker: Awaited<ReturnType<typeof startConnectionFloor>> | undefined
  try {
    const cookies = {
      admin: await signIn(app.base, 'admin'),
      sales: await signIn(app.base, 'sales'),
      manager: await signIn(app.base, 'manager'),
    }
    const get = (path: string, user: keyof typeof cookies) => timedGet(app.base, path, cookies[user])
    // Paths walked by cursor (each page a cache miss, as a user paging through) and ids to open.
    const walk = async (path: string, user: keyof typeof cookies, n: number) => {
      const paths = [path]
      let next = ((await get(path, user)).body as { nextCursor: string | null }).nextCursor
      while (paths.length < n && next) {
        const p = `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`
        paths.push(p)
        next = ((await get(p, user)).body as { nextCursor: string | null }).nextCursor
      }
      return paths
    }
    const orgPages = await walk('/api/v1/organisations?limit=50', 'admin', REQUESTS + 1)
    const ids = (await get('/api/v1/organisations?limit=100&sort=-createdAt', 'admin')).body as {
      data: { id: string }[]
    }
    const peoplePages = await walk('/api/v1/people?limit=50', 'sales', REQUESTS + 1)
    const cases: Case[] = [
      { name: 'organisations, first page (cache hit)', user: 'admin', paths: [orgPages[0]!], kind: 'organisations' },
      { name: 'organisations, page by cursor (miss)', user: 'admin', paths: orgPages.slice(1), kind: 'organisations' },
      {
        name: 'organisation by id',
        user: 'admin',
        paths: ids.data.map((o) => `/api/v1/organisations/${o.id}`),
        kind: 'organisation',
      },
      { name: 'people, sales user, by cursor', user: 'sales', paths: peoplePages.slice(1), kind: 'people' },
    ]
    // The walk cached every page it read: one write (an organisation saved unchanged) moves the
    // lists' version, so the measured walk meets cache misses, as a user paging through.
    const first = ids.data[0]!.id
    const name = ((await get(`/api/v1/organisations/${first}`, 'admin')).body as { name: string }).name
    const saved = await fetch(`${app.base}/api/v1/organisations/${first}`, {
      method: 'PATCH',
      headers: {
        cookie: cookies.admin,
        origin: app.base,
        'content-type': 'application/json',
        'cf-connecting-ip': ip(),
      },
      body: JSON.stringify({ name }),
    })
    if (saved.status !== 200) throw new Error(`saving an organisation: ${saved.status}`)
    await get(orgPages[0]!, 'admin')
    const results = []
    for (const c of cases) {
      const samples = []
      for (let i = 0; i < REQUESTS; i++) samples.push(await get(c.paths[i % c.paths.length]!, c.user))
      results.push({ ...c, samples })
    }
    // What any request costs before the Worker's own work, at one client: a built asset (served by
    // wrangler's asset layer, none of our code) and a 401 (our middleware, no database).
    const asset = readdirSync('build/client/assets').find((f) => f.endsWith('.js'))!
    // And the physical floor of any Worker that reads Postgres: its own connection, two statements.
    bareWorker = await startConnectionFloor({
      databaseUrl: app.database!.databaseUrl,
      wsProxy: app.database!.wsProxy!,
      socket: app.database!.socket,
    })
    const floors = []
    for (const [name, base, path] of [
      ['a static asset (no Worker code)', app.base, `/assets/${asset}`],
      ['a 401 (no database)', app.base, '/api/v1/organisations'],
      ['a bare Worker: a fixed 401', bareWorker.base, '/'],
      ['a bare Worker: connect, 2 × select 1', bareWorker.base, '/db'],
    ] as const) {
      const samples = []
      for (let i = 0; i < REQUESTS; i++) samples.push(await timedGet(base, path, undefined, false))
      floors.push({ name, samples })
    }
    // A page view: the organisations list and the dashboard, as a browser asks for them.
    const pages = []
    for (const path of ['/organisations', '/']) {
      const views = []
      for (let i = 0; i < 20; i++) views.push(await timedGet(app.base, path, cookies.admin, false))
      pages.push({ path, views })
    }
    // Throughput: C clients in a closed loop, against the floor (401 before any database work).
    const load = []
    const send =
      (path: string, cookie?: string, base = app.base) =>
      async () => {
        const res = await fetch(base + path, { headers: { ...(cookie ? { cookie } : {}), 'cf-connecting-ip': ip() } })
        await res.arrayBuffer()
        return res.status < 500 ? 1 : 0
      }
    // Each row also reads the CPU its workerd spent per answered request.
    const appWorkerd = workerdUnder(app.child.pid!)
    const bareWorkerd = workerdUnder(process.pid).filter((pid) => !appWorkerd.includes(pid))
    const loop = async (clients: number, pids: number[], one: () => Promise<number>) => {
      const before = cpuMs(pids)
      const r = await closedLoop(clients, SECONDS, one)
      return { ...r, cpu: (cpuMs(pids) - before) / Math.max(1, r.rps * SECONDS) }
    }
    let k = 0
    for (const clients of [10, 100]) {
      const floor = await loop(clients, appWorkerd, send('/api/v1/organisations'))
      const bare = await loop(clients, bareWorkerd, send('/db', undefined, bareWorker!.base))
      const list = await loop(clients, appWorkerd, send(orgPages[0]!, cookies.admin))
      const detail = await loop(clients, appWorkerd, () =>
        send(`/api/v1/organisations/${ids.data[k++ % ids.data.length]!.id}`, cookies.admin)(),
      )
      const people = await loop(clients, appWorkerd, send('/api/v1/people?limit=50', cookies.sales))
      load.push({ clients, floor, bare, list, detail, people })
    }
    // What the local bindings cost inside workerd, on the bare Worker at 10 clients.
    const bindings = []
    for (const [name, path] of [
      ['a fixed 401', '/'],
      ['+ one rate-limit call', '/limit'],
      ['+ one KV read of a 30 KB page', '/kv'],
    ] as const)
      bindings.push({ name, ...(await loop(10, bareWorkerd, send(path, undefined, bareWorker!.base))) })
    return { results, floors, pages, load, bindings, cookies, orgPages, peoplePages, ids: ids.data.map((o) => o.id) }
  } finally {
    await bareWorker?.stop()
    await app.stop()
  }
}

await seed()
console.log('running the API (production build)…')
const api = await runApi()
console.log('running the same SQL directly…')
// The bare SQL runs in Node, where the driver's socket is always the WebSocket (through the bridge).
const bare = await measureSql(pooledEnv ?? { DATABASE_URL: '', dataDir: DATA_DIR }, api, REQUESTS)
await direct?.stop()
await pooled?.stop()
pg?.stop()

const engine = pg
  ? `Postgres 15 behind PgBouncer (transaction pooling), the Worker's connection by ${
      SOCKET === 'tcp' ? 'TCP' : 'WebSocket through a bridge'
    }`
  : `PGlite (${DATA_DIR}), the Worker's connection by WebSocket`
console.log(`\nAPI benchmark: ${engine}, ${bare.counts}`)
console.log(
  `${cpus().length} CPUs; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} after.`,
)
console.log('\nOne client, p95 ms: api = HTTP round trip; server = its Server-Timing query phase; sql = the same')
console.log(
  'statements on one warm connection; sql+session = plus the session statement. Target api ≤ 2 × (sql+session).',
)
console.log(
  `${'request'.padEnd(40)}${['api', 'p50', 'server', 'sql', '+sess', 'ratio'].map((h) => h.padStart(8)).join('')}`,
)
for (const r of api.results) {
  const sql = bare.byCase.get(r.name)!
  const apiP95 = p95(r.samples.map((s) => s.ms))
  const server = p95(r.samples.map((s) => s.timing.query ?? 0))
  const cells = [apiP95, p50(r.samples.map((s) => s.ms)), server, sql.sql, sql.withSession].map(ms).join('')
  console.log(`${r.name.padEnd(40)}${cells}${(apiP95 / sql.withSession).toFixed(2).padStart(8)}`)
}
for (const f of api.floors) {
  const cells = [p95(f.samples.map((s) => s.ms)), p50(f.samples.map((s) => s.ms))].map(ms).join('')
  console.log(`${`  floor: ${f.name}`.padEnd(40)}${cells}`)
}
// A Worker with no code of its own still opens its connection and makes two round trips: the
// least any of these requests can take is about that plus the time its SQL runs.
const bareConnect = p95(api.floors.find((f) => f.name.includes('connect'))!.samples.map((s) => s.ms))
console.log(
  `\nLeast a Worker can take, p95 ms ≈ bare Worker's connect + 2 (${bareConnect.toFixed(1)}) + the request's SQL:`,
)
for (const r of api.results) {
  const least = bareConnect + bare.byCase.get(r.name)!.sql
  const apiP95 = p95(r.samples.map((s) => s.ms))
  console.log(
    `  ${r.name.padEnd(38)}${ms(least)}   api ${ms(apiP95)}   ratio ${(apiP95 / least).toFixed(2)}` +
      `   2 × (sql+session) ${ms(2 * bare.byCase.get(r.name)!.withSession)}`,
  )
}
console.log(
  "\nServer-Timing phases, p50 ms (connection = acquiring the request's one connection, the first time its set-up):",
)
for (const r of api.results) {
  const phase = (name: string) => ms(p50(r.samples.map((x) => x.timing[name] ?? 0)))
  console.log(
    `  ${r.name.padEnd(38)}session${phase('session')}  connection${phase('connection')}  query${phase('query')}  ` +
      `serialisation${phase('serialisation')}  cache${phase('cache')}`,
  )
}
console.log('\nA page view (admin, 20 views each): statements, connections and session look-ups from Server-Timing')
for (const p of api.pages) {
  const last = p.views.at(-1)!
  console.log(
    `  ${p.path.padEnd(16)} p95 ${ms(p95(p.views.map((v) => v.ms)))} ms   ${last.db}, session ` +
      `${last.timing.session?.toFixed(1) ?? '–'} ms`,
  )
}
console.log(`\nThroughput, ${SECONDS} s closed loop per row (requests/s, p95 ms); floor = 401 before any database work`)
for (const l of api.load) {
  for (const [name, r] of Object.entries({
    floor: l.floor,
    'bare Worker: connect + 2': l.bare,
    'organisations list': l.list,
    'organisation by id': l.detail,
    'people (sales, cached)': l.people,
  })) {
    const share =
      name === 'floor'
        ? ''
        : `  ${((r.rps / l.floor.rps) * 100).toFixed(0)} % of floor` +
          (r === l.bare ? '' : `, ${((r.rps / l.bare.rps) * 100).toFixed(0)} % of the bare Worker's`)
    console.log(
      `  ${String(l.clients).padStart(3)} clients  ${name.padEnd(24)}${r.rps.toFixed(0).padStart(6)}/s  p95 ` +
        `${ms(r.p95)}  workerd CPU ${r.cpu.toFixed(2)} ms/req${r.errors ? `  ${r.errors} errors` : ''}${share}`,
    )
  }
}
console.log(
  "\nLocal bindings inside workerd (the bare Worker, 10 clients; Cloudflare runs them outside the Worker's CPU):",
)
for (const b of api.bindings) console.log(`  ${b.name.padEnd(32)}workerd CPU ${b.cpu.toFixed(2)} ms/req`)
const salesApi = api.results.find((r) => r.kind === 'people')!
console.log(
  `\nSales people list: SQL p95 ${bare.byCase.get(salesApi.name)!.sql.toFixed(1)} ms (target < 10), API p95 ` +
    `${p95(salesApi.samples.map((s) => s.ms)).toFixed(1)} ms (target < 20)`,
)
console.log('Dashboard and analytics, SQL per call (p50 / p95 ms, target < 20):')
for (const d of bare.aggregates) console.log(`  ${d.name.padEnd(34)}${ms(d.p50)}${ms(d.p95)}`)
console.log('Other lists, first page as a cache miss reads it, SQL per call (p50 / p95 ms):')
for (const d of bare.lists) console.log(`  ${d.name.padEnd(42)}${ms(d.p50)}${ms(d.p95)}`)
console.log('First-load JS after npm run build:')
for (const [name, id] of Object.entries(PAGES)) {
  const w = firstLoadJs(id)
  console.log(
    `  ${name.padEnd(14)} ${w.kb.toFixed(1)} KB gzip in ${w.scripts} scripts (budget ${PAGE_WEIGHT_BUDGET_KB} KB)`,
  )
}
