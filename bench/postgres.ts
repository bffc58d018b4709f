// A real Postgres 15 behind PgBouncer (transaction pooling, as Neon's pooled endpoint) for the
// benchmarks, from Debian's packages, in a data directory of the caller's choosing. Runs as the
// `postgres` system user (Postgres refuses root); trust authentication on 127.0.0.1 only.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { freePort } from '../scripts/free-port.ts'

const BIN = '/usr/lib/postgresql/15/bin'

function run(cmd: string, args: string[], asPostgres = true) {
  const full =
    asPostgres && process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]
  const r = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`)
  return r.stdout
}

export function ensurePackages() {
  if (existsSync(`${BIN}/postgres`) && existsSync('/usr/sbin/pgbouncer')) return
  console.log('installing postgresql and pgbouncer (apt-get)…')
  run('apt-get', ['install', '-y', 'postgresql', 'pgbouncer'], false)
}

// Starts (initialising on first use) Postgres and PgBouncer on free ports (or `port` and `port + 1`
// when given); returns the direct and pooled URLs and a stop function. Both keep running if the
// caller crashes (a later run reuses them, on their ports): stop() or kill the pids. A fixed
// default port sat in Linux's ephemeral range, where a connection in TIME_WAIT could hold it and
// Postgres failed to start.
export async function startPostgres(where: string, wanted?: number) {
  // Absolute: Postgres resolves the socket directory (-k) from its data directory, so a relative
  // one (the benchmarks' default under .data/) made it fail to create its lock file.
  const dir = resolve(where)
  ensurePackages()
  mkdirSync(dir, { recursive: true })
  run('chown', ['-R', 'postgres:postgres', dir], false)
  const data = `${dir}/data`
  if (!existsSync(`${data}/PG_VERSION`)) {
    run(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
    // Sized for a shared 2-core machine; jit off as in migration 0001.
    writeFileSync(
      `${data}/postgresql.auto.conf`,
      'shared_buffers = 256MB\nmax_connections = 200\njit = off\nsynchronous_commit = off\nlisten_addresses ' +
        "= '127.0.0.1'\n",
    )
  }
  // Already running (a previous run left it up): reuse it, on the port in its pid file.
  const running = spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', data, 'status']).status === 0
  const port = running
    ? Number(readFileSync(`${data}/postmaster.pid`, 'utf8').split('\n')[3])
    : (wanted ?? (await freePort()))
  if (!running)
    run(`${BIN}/pg_ctl`, ['-D', data, '-o', `-p ${port} -k ${dir}`, '-l', `${dir}/postgres.log`, '-w', 'start'])
  const exists = run('psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-Atc',
    "select 1 from pg_database where datname = 'crm_bench'",
  ])
  if (!exists.trim()) run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'crm_bench'])
  const ini = `${dir}/pgbouncer.ini`
  const bouncerRunning =
    spawnSync('sh', ['-c', `kill -0 $(cat ${dir}/pgbouncer.pid 2>/dev/null) 2>/dev/null`]).status === 0
  const bouncerPort = bouncerRunning
    ? Number(readFileSync(ini, 'utf8').match(/listen_port = (\d+)/)![1])
    : wanted
      ? wanted + 1
      : await freePort()
  if (!bouncerRunning)
    writeFileSync(
      ini,
      [
        '[databases]',
        `crm_bench = host=127.0.0.1 port=${port} dbname=crm_bench`,
        '[pgbouncer]',
        `listen_addr = 127.0.0.1\nlisten_port = ${bouncerPort}\nunix_socket_dir = ${dir}`,
        'auth_type = trust',
        `auth_file = ${dir}/userlist.txt`,
        'pool_mode = transaction',
        'default_pool_size = 20\nmax_client_conn = 1000',
        `pidfile = ${dir}/pgbouncer.pid\nlogfile = ${dir}/pgbouncer.log`,
        '',
      ].join('\n'),
    )
  writeFileSync(`${dir}/userlist.txt`, '"postgres" ""\n')
  run('chown', ['-R', 'postgres:postgres', dir], false)
  if (!bouncerRunning) run('/usr/sbin/pgbouncer', ['-d', ini])
  return {
    directUrl: `postgres://postgres@127.0.0.1:${port}/crm_bench`,
    pooledUrl: `postgres://postgres@127.0.0.1:${bouncerPort}/crm_bench`,
    stop() {
      spawnSync('sh', ['-c', `kill $(cat ${dir}/pgbouncer.pid) 2>/dev/null`])
      run(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', 'stop'])
    },
  }
}
