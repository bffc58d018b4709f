// npm start: embedded Postgres (unless DATABASE_URL is set) → migrations → demo seed on first run
// → the production build in workerd through Miniflare (KV, Queues, Durable Objects, R2 live locally) → cron ticks;
// `--dev`: Vite's dev server instead.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { createServer } from 'vite'
import { createDb } from '../worker/db/client.ts'
import { startLocalDb, type LocalDb } from './local-db.ts'
import { runMigrations } from './migrate.ts'
import { ensureBuild, serveBuild } from './serve-build.ts'
import { localWorkerVars } from './local-vars.ts'
import { type Bridge, bridgeFor } from './db-bridge.ts'
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedDemo } from './seed.ts'

const args = process.argv.slice(2)
const memory = args.includes('--memory')
const dev = args.includes('--dev')
const port = Number(process.env.PORT ?? 8787)
const quiet = args.includes('--quiet')
const say = (msg: string) => !quiet && console.log(msg)

// Secrets a local run needs; a .dev.vars from before a secret existed gets the missing ones added.
const LOCAL_SECRETS = ['SESSION_SECRET', 'WEBHOOK_SECRET_KEY']

function ensureDevVars() {
  if (!existsSync('.dev.vars')) {
    writeFileSync(
      '.dev.vars',
      '# Generated on first start; never commit. Production secrets: wrangler secret put <NAME>\n',
    )
  }
  const current = readFileSync('.dev.vars', 'utf8')
  const missing = LOCAL_SECRETS.filter((name) => !new RegExp(`^${name}=`, 'm').test(current))
  if (missing.length === 0) return
  const lines = missing.map((name) => `${name}=${randomBytes(32).toString('hex')}\n`).join('')
  appendFileSync('.dev.vars', `${current.endsWith('\n') || current === '' ? '' : '\n'}${lines}`)
  say(`.dev.vars: generated ${missing.join(', ')}`)
}

async function main() {
  ensureDevVars()
  let local: LocalDb | null = null
  let bridge: Bridge | null = null
  let databaseUrl = process.env.DATABASE_URL
  let wsProxy = process.env.DB_WS_PROXY
  if (!databaseUrl) {
    const dataDir = memory ? undefined : (process.env.CRM_DATA_DIR ?? '.data/pg')
    if (dataDir) mkdirSync(dataDir, { recursive: true })
    local = await startLocalDb({ dataDir })
    databaseUrl = local.databaseUrl
    wsProxy = local.wsProxy
    say(`embedded Postgres (PGlite) ${dataDir ? `persisted in ${dataDir}` : 'in memory'}`)
  } else if (!wsProxy) {
    // A plain Postgres from DATABASE_URL alone: the driver's WebSocket goes through a local bridge.
    bridge = await bridgeFor(databaseUrl)
    wsProxy = bridge.wsProxy
    if (wsProxy) say(`Postgres at ${new URL(databaseUrl).host} through the local WebSocket bridge ${wsProxy}`)
  }
  // DB_SOCKET=tcp: the Worker reaches the database by TCP, as it would Hyperdrive (decision 009:
  // no faster here than the WebSocket, so not the default); the Node side keeps the WebSocket.
  const socket = process.env.DB_SOCKET === 'tcp' ? 'tcp' : 'ws'
  const config = { DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }
  await runMigrations(config)
  const { db, pool } = createDb(config)
  if (await isEmpty(db)) {
    const counts = await seedDemo(db)
    say(`demo data seeded: ${JSON.stringify(counts)}`)
  }
  await pool.end()

  process.env.CRM_DATABASE_URL = databaseUrl
  if (wsProxy) process.env.CRM_DB_WS_PROXY = wsProxy
  if (socket === 'tcp') process.env.CRM_DB_SOCKET = 'tcp'
  process.env.CRM_APP_URL = `http://localhost:${port}`
  process.env.CRM_ENVIRONMENT = process.env.CRM_TEST ? 'test' : 'development'
  // Miniflare would fetch a sample Request.cf object from the internet; this machine stays offline.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false'
  // npm start serves the production build (built first when the sources changed); npm run dev
  // keeps Vite's dev server and its hot reload.
  let server: { close: () => Promise<void> }
  if (dev) {
    const vite = await createServer({
      configFile: 'vite.config.ts',
      server: { port },
      logLevel: quiet ? 'warn' : 'info',
    })
    await vite.listen()
    server = vite
  } else {
    await ensureBuild(say)
    const built = await serveBuild({
      port,
      vars: localWorkerVars(),
      persistDir: process.env.CRM_PERSIST_DIR ?? '.wrangler/state',
      quiet,
    })
    server = { close: built.stop }
  }

  // Cron triggers, as Cloudflare would fire them (miniflare exposes the scheduled handler).
  const tick = (cron: string) =>
    fetch(`http://127.0.0.1:${port}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`).catch(() => {})
  setInterval(() => tick('* * * * *'), 60_000).unref()
  setInterval(() => tick('0 6 * * *'), 24 * 3600_000).unref()
  // Warm the first page so the first visitor does not wait for compilation.
  await fetch(`http://127.0.0.1:${port}/login`).catch(() => {})

  say(`\nCRM ready at http://localhost:${port}`)
  say(`Demo logins (password ${DEMO_PASSWORD}):`)
  for (const u of DEMO_USERS) say(`  ${u.email.padEnd(20)} ${u.role.padEnd(8)} team ${u.team}`)
  say(`API docs: http://localhost:${port}/api/docs\n`)
  // The benchmark's connection floor (bench/connection-floor.ts) reaches the same database.
  process.send?.({ database: { databaseUrl, wsProxy, socket } })
  process.send?.('ready')

  const stop = async () => {
    await server.close()
    await local?.stop()
    await bridge?.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

await main()
