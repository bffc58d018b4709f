// A real Postgres server of the test's own (Debian's `postgresql` package: scripts/ci-install.sh
// installs it), in a temporary directory on a free port, for what PGlite cannot show: concurrent
// sessions racing for a row, and a server that stops under traffic and comes back.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../scripts/free-port.ts'

function binDir() {
  const root = '/usr/lib/postgresql'
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined
  if (!version)
    throw new Error('Postgres server binaries not found: run scripts/ci-install.sh (apt-get install postgresql)')
  return join(root, version, 'bin')
}

export type RealPostgres = {
  databaseUrl: string
  stop: () => void
  start: () => void
  destroy: () => void
}

export async function startRealPostgres(): Promise<RealPostgres> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'crm-pg-'))
  const data = join(dir, 'data')
  const port = await freePort()
  // Postgres refuses to run as root: as root (a CI container), the server runs as `postgres`.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim()
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim()
    chownSync(dir, Number(ids), Number(gid))
  }
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' })
  run('initdb', ['-D', data, '-U', 'crm', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  start()
  return {
    databaseUrl: `postgres://crm@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        stop()
      } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
