// Sign-in and reset timing (issue 10, finding 13): does the answer's time tell an attacker whether
// an account exists or is locked? The app is started on the small demo seed (in memory); the
// cases are sent interleaved (one of each per round, in a shuffled order) so a load change on the
// machine touches them all alike. Each request has its own client IP (the sign-in limiter counts
// per IP and address). Printed: client-side round trip, p50/p95/p99/max over the tries, per case.
//   npm exec -- node bench/timing.bench.ts [--tries 200] [--dev]
import { cpus, loadavg } from 'node:os'
import { arg, restartWithTypeTransform } from './cli.ts'
import { percentiles } from './stats.ts'

restartWithTypeTransform()
const { startApp: start } = await import('./app.ts')
const { ip, PASSWORD } = await import('./load.ts')

const TRIES = Number(arg('tries', '200'))
const WARM_UP = 10
const USER_PASSWORD = 'Un-Mot-De-Passe-Solide-2026'
// Four wrong passwords per account, then an admin unlock (not timed): the fifth would lock it.
const WRONG_PER_ACCOUNT = 4

const startApp = () =>
  start({
    args: ['--memory', ...(process.argv.includes('--dev') ? ['--dev'] : [])],
    env: {
      DATABASE_URL: '',
      CRM_PERSIST_DIR: `.wrangler/bench-timing-${process.pid}`,
      CRM_VITE_CACHE: 'node_modules/.vite-bench-timing',
    },
  })

async function post(base: string, path: string, body: unknown, cookie = '') {
  const started = performance.now()
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'cf-connecting-ip': ip(), cookie },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, ms: performance.now() - started, text, res }
}

const app = await startApp()
try {
  const signedIn = await post(app.base, '/api/v1/auth/login', { email: 'admin@demo.crm', password: PASSWORD })
  if (signedIn.status !== 200) throw new Error(`admin sign-in: ${signedIn.status}`)
  const admin = signedIn.res.headers.get('set-cookie')!.split(';')[0]!
  const account = async (label: string) => {
    const email = `${label}-${Date.now().toString(36)}@timing.crm`
    const res = await post(
      app.base,
      '/api/v1/users',
      { email, name: `Timing ${label}`, role: 'sales', password: USER_PASSWORD },
      admin,
    )
    if (res.status !== 201) throw new Error(`user: ${res.status} ${res.text}`)
    return { email, id: (JSON.parse(res.text) as { id: string }).id }
  }
  const locked = await account('locked')
  for (let i = 0; i < 5; i++) await post(app.base, '/api/v1/auth/login', { email: locked.email, password: 'wrong-1' })
  const wrong = await account('wrong')
  const known = await account('known')
  let wrongTries = 0

  const cases: Record<string, () => Promise<{ status: number; ms: number }>> = {
    'sign-in, locked account': () =>
      post(app.base, '/api/v1/auth/login', { email: locked.email, password: 'wrong-password-1' }),
    'sign-in, wrong password': async () => {
      if (wrongTries > 0 && wrongTries % WRONG_PER_ACCOUNT === 0)
        await post(app.base, `/api/v1/users/${wrong.id}/unlock`, {}, admin)
      wrongTries++
      return post(app.base, '/api/v1/auth/login', { email: wrong.email, password: 'wrong-password-1' })
    },
    'sign-in, unknown e-mail': () =>
      post(app.base, '/api/v1/auth/login', {
        email: `nobody-${Math.random().toString(36).slice(2)}@timing.crm`,
        password: 'wrong-password-1',
      }),
    'reset request, existing e-mail': () => post(app.base, '/api/v1/auth/password-reset', { email: known.email }),
    'reset request, unknown e-mail': () =>
      post(app.base, '/api/v1/auth/password-reset', {
        email: `nobody-${Math.random().toString(36).slice(2)}@timing.crm`,
      }),
  }
  const expected: Record<string, number> = {
    'sign-in, locked account': 401,
    'sign-in, wrong password': 401,
    'sign-in, unknown e-mail': 401,
    'reset request, existing e-mail': 202,
    'reset request, unknown e-mail': 202,
  }
  const times = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]))
  for (let round = 0; round < WARM_UP + TRIES; round++) {
    const order = Object.keys(cases).sort(() => Math.random() - 0.5)
    for (const name of order) {
      const { status, ms } = await cases[name]!()
      if (status !== expected[name]) throw new Error(`${name}: ${status}`)
      if (round >= WARM_UP) times.get(name)!.push(ms)
    }
  }
  console.log(
    `${TRIES} tries each, interleaved; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  )
  console.log(
    `${'case'.padEnd(34)}${'n'.padStart(6)}${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(9)).join('')}   (ms)`,
  )
  for (const [name, values] of times) {
    console.log(
      `${name.padEnd(34)}${String(values.length).padStart(6)}${percentiles(values)
        .map((v) => v.toFixed(1).padStart(9))
        .join('')}`,
    )
  }
} finally {
  await app.stop()
}
