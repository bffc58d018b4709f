// `npm start` as a developer runs it, in a process of its own: the database lives in that process
// and the Worker's runtime (workerd) in another, started by Miniflare. When workerd crashes,
// Miniflare starts it again; the app answers again with the same data and sessions, and says so.
import { fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { expect, test } from 'vitest'
import { freePort } from '../../scripts/free-port.ts'
import { workerdUnder } from '../../scripts/processes.ts'
import { DEMO_PASSWORD, randomIp } from '../setup/api-client.ts'

// Waits that fail the test themselves, so its clean-up still runs (a timed-out test's does not).
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

async function answers(url: string, init?: RequestInit) {
  for (;;) {
    const res = await fetch(url, init).catch(() => null)
    if (res?.status === 200) return res
    await new Promise((r) => setTimeout(r, 500))
  }
}

test('npm start brings its workerd back after a crash, with the same data and sessions', async () => {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const stateDir = `.wrangler/test-${port}`
  const app = fork('scripts/start.ts', ['--memory', '--quiet'], {
    env: { ...process.env, PORT: String(port), CRM_TEST: '1', CRM_PERSIST_DIR: stateDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  // Miniflare's warnings go to stdout, the app's errors to stderr.
  let output = ''
  const keep = (d: Buffer) => {
    output += d
  }
  app.stdout?.on('data', keep)
  app.stderr?.on('data', keep)
  try {
    await within(
      200_000,
      'npm start',
      new Promise<void>((resolve, reject) => {
        app.on('message', (m) => m === 'ready' && resolve())
        app.once('exit', (code) => reject(new Error(`the app exited during start-up (${code}): ${output}`)))
      }),
    )
    const ip = randomIp()
    const signIn = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'cf-connecting-ip': ip },
      body: JSON.stringify({ email: 'admin@demo.crm', password: DEMO_PASSWORD }),
    })
    expect(signIn.status).toBe(200)
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const [workerd] = workerdUnder(app.pid!)
    expect(workerd).toBeTruthy()

    process.kill(workerd!, 'SIGKILL')
    const again = await within(
      60_000,
      'the app answering again',
      answers(`${base}/api/v1/organisations?limit=1`, { headers: { cookie, 'cf-connecting-ip': ip } }),
    )
    expect(((await again.json()) as { data: unknown[] }).data).toHaveLength(1)
    expect(app.exitCode).toBeNull()
    expect(workerdUnder(app.pid!)).not.toContain(workerd)
    expect(output).toContain('The Workers runtime crashed unexpectedly and is being restarted')
  } finally {
    const exited = new Promise((r) => app.once('exit', r))
    if (app.exitCode === null) app.kill('SIGTERM')
    await within(15_000, 'npm start stopping', exited).catch(() => app.kill('SIGKILL'))
    rmSync(stateDir, { recursive: true, force: true })
  }
}, 300_000)
