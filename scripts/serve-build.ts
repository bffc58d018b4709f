// The production build served locally: `react-router build` output (build/server/wrangler.json)
// run by Miniflare in workerd, with the same local bindings as the dev server (KV, Queues,
// Durable Objects, R2, rate limits, crons). It builds first when the sources are newer than the
// build. The dev server stays for `npm run dev` (hot reload).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const BUILT = 'build/server/wrangler.json'
// The wrangler the Vite plugin depends on, when npm nested it under the plugin: it reads config for
// the same Miniflare as the dev server's (wrangler 4.86's Miniflare and workerd of 2026-04 ran the
// build on an older compatibility date and failed every cron tick with "Could not serialize
// object of type ScheduledController").
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

// The build's JavaScript modules as workerd loads them (wrangler's no_bundle upload: every .js).
function builtModules(root: string) {
  const files = ['index.js', ...readdirSync(join(root, 'assets')).map((f) => `assets/${f}`)].filter((f) =>
    f.endsWith('.js'),
  )
  return files.map((f) => ({ type: 'ESModule' as const, path: join(root, f) }))
}

// Miniflare in this process, its workerd listening on the port itself: `wrangler dev` put a proxy
// Worker in a second workerd in front of it, which cost every request 2.5-3.7 ms and a process's
// CPU (decision 009). wrangler still reads the build's wrangler.json into Miniflare's options
// (bindings, queues, Durable Objects, rate limits, crons, assets), so nothing is declared twice.
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
}): Promise<{ url: string; stop: () => Promise<void> }> {
  const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = await import('miniflare')
  const wrangler = (await import(join(process.cwd(), WRANGLER, 'wrangler-dist/cli.js'))) as {
    unstable_getMiniflareWorkerOptions: (path: string) => { workerOptions: Record<string, unknown> }
  }
  const { workerOptions } = wrangler.unstable_getMiniflareWorkerOptions(BUILT)
  // The build asks for the compatibility date of wrangler.toml; a workerd older than that date
  // refuses it (the Vite plugin falls back to its newest date, as here, said out loud).
  const wanted = workerOptions.compatibilityDate as string
  const newest = (
    createRequire(join(process.cwd(), 'node_modules/miniflare/package.json'))('workerd') as {
      compatibilityDate: string
    }
  ).compatibilityDate
  if (wanted > newest && !quiet) console.log(`compatibility date ${wanted} → ${newest} (the newest workerd runs)`)
  const root = join(process.cwd(), 'build/server')
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port,
      // CRM_INSPECTOR_PORT=9229: Chrome DevTools (chrome://inspect) attaches to the Worker, to
      // profile its CPU or read its heap.
      inspectorPort: process.env.CRM_INSPECTOR_PORT ? Number(process.env.CRM_INSPECTOR_PORT) : undefined,
      // Cron ticks reach the scheduled handler at /cdn-cgi/local/scheduled (scripts/start.ts).
      unsafeTriggerHandlers: true,
      // Miniflare's request log is a call back into Node per request; the Worker logs its own.
      logRequests: false,
      log: new Log(quiet ? LogLevel.WARN : LogLevel.INFO),
      // The Worker's console, as wrangler printed it: warnings and errors only when quiet.
      handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
        if (level === 'error' || level === 'warn') console.error(message)
        else if (!quiet) console.log(message)
      },
      // A sample Request.cf object would be fetched from the internet; this machine stays offline.
      cf: false,
      resourcePersistencePath: join(persistDir, 'v3'),
      workers: [
        {
          ...workerOptions,
          name: 'crm',
          compatibilityDate: wanted > newest ? newest : wanted,
          bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...devVars(), ...vars },
          modulesRoot: root,
          modules: builtModules(root),
        },
      ],
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  )
  const url = String(await mf.ready)
  return { url, stop: () => mf.dispose() }
}
