// The production build served locally: `react-router build` output (build/server/wrangler.json)
// run by `wrangler dev` in workerd, with the same local bindings as the dev server (KV, Queues,
// Durable Objects, R2, rate limits, crons). It builds first when the sources are newer than the
// build. The dev server stays for `npm run dev` (hot reload).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const BUILT = 'build/server/wrangler.json'
// The wrangler the Vite plugin depends on, when npm nested it under the plugin: its workerd is the
// dev server's (wrangler 4.86's workerd of 2026-04 ran the build on an older compatibility date and
// failed every cron tick with "Could not serialize object of type ScheduledController").
const WRANGLER = ['node_modules/@cloudflare/vite-plugin/node_modules/wrangler', 'node_modules/wrangler'].find((dir) =>
  existsSync(join(dir, 'bin/wrangler.js')),
)!
const LOCK = 'build/.building'
// What the bundle is made of: any of these newer than the build means building again.
const SOURCES = [
  'app',
  'worker',
  'durable-objects',
  'public',
  'vite.config.ts',
  'react-router.config.ts',
  'wrangler.toml',
  'package-lock.json',
]

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)))
  return latest
}

export const buildIsStale = () => !existsSync(BUILT) || Math.max(...SOURCES.map(newest)) > statSync(BUILT).mtimeMs

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Several processes may start at once (test runs, benchmarks): one builds, the others wait for it.
export async function ensureBuild(say: (msg: string) => void = console.log) {
  for (;;) {
    if (!buildIsStale()) return
    mkdirSync('build', { recursive: true })
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // A lock older than 5 minutes belongs to a build that died.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 300_000)
        rmSync(LOCK, { force: true, recursive: true })
      await sleep(1000)
    }
  }
  try {
    if (!buildIsStale()) return
    const started = Date.now()
    say('building the production bundle (react-router build)…')
    const r = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.js', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      // vitest sets NODE_ENV=test, which Vite would keep and bundle React's development build (403 KB
      // instead of 215 KB): the build served by `npm start` and the benchmarks is always production.
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) throw new Error('react-router build failed')
    say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    rmSync(LOCK, { force: true, recursive: true })
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })

// .dev.vars is read here rather than from the build's copy, which is as old as the build.
function devVars(): Record<string, string> {
  if (!existsSync('.dev.vars')) return {}
  const vars: Record<string, string> = {}
  for (const line of readFileSync('.dev.vars', 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)$/)
    if (m) vars[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1')
  }
  return vars
}

export async function serveBuild({
  port,
  vars,
  persistDir,
  quiet,
}: {
  port: number
  vars: Record<string, string>
  persistDir: string
  quiet: boolean
}): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const all = { ...devVars(), ...vars }
  // wrangler runs its own workerd, older than the Vite plugin's, and refuses a compatibility date
  // newer than that binary knows (the dev server's plugin falls back to its newest date): the
  // same fallback here, said out loud.
  const wanted = (JSON.parse(readFileSync(BUILT, 'utf8')) as { compatibility_date: string }).compatibility_date
  const newest = (
    createRequire(join(process.cwd(), WRANGLER, 'package.json'))('workerd') as { compatibilityDate: string }
  ).compatibilityDate
  const date = wanted > newest ? ['--compatibility-date', newest] : []
  if (date.length && !quiet)
    console.log(`compatibility date ${wanted} → ${newest} (the newest wrangler's workerd runs)`)
  const args = [
    join(WRANGLER, 'bin/wrangler.js'),
    'dev',
    '-c',
    BUILT,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(await freePort()),
    '--persist-to',
    persistDir,
    '--local',
    ...date,
    '--show-interactive-dev-session=false',
    '--log-level',
    quiet ? 'warn' : (process.env.CRM_WRANGLER_LOG ?? 'info'),
    ...Object.entries(all).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env })
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`wrangler dev exited (code ${code})`))),
  )
  // Ready when the Worker answers (the health route needs no session).
  const ready = (async () => {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
        .then((r) => r.status > 0)
        .catch(() => false)
      if (ok) return
      await sleep(250)
    }
  })()
  await Promise.race([ready, exited])
  exited.catch(() => {})
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
