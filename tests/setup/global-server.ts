// Starts the real stack exactly as `npm start` does, on a free port with a fresh in-memory
// database and its own local Cloudflare state, and stops it after the run.
import { fork, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { freePort } from '../../scripts/free-port.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

let child: ChildProcess | undefined
let stateDir = ''

export async function setup(project: TestProject) {
  const port = await freePort()
  stateDir = `.wrangler/test-${port}`
  // The production build, as npm start serves it (built first when the sources changed, 10-90 s);
  // CRM_TEST_DEV=1 runs the suite against the Vite dev server instead.
  const mode = process.env.CRM_TEST_DEV === '1' ? ['--dev'] : []
  child = fork('scripts/start.ts', [...mode, '--memory', '--quiet'], {
    env: {
      ...process.env,
      PORT: String(port),
      CRM_TEST: '1',
      CRM_PERSIST_DIR: stateDir,
      CRM_VITE_CACHE: `node_modules/.vite-test-${port}`,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  // Worker logs are JSON lines; keep them out of the test output unless asked.
  child.stdout?.on('data', (d) => process.env.CRM_TEST_LOGS && process.stdout.write(d))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start within 300 s')), 300_000)
    child!.on('message', (m) => m === 'ready' && (clearTimeout(timer), resolve()))
    child!.on('exit', (code) => reject(new Error(`the app exited during start-up (code ${code})`)))
  })
  project.provide('baseURL', `http://localhost:${port}`)
}

export async function teardown() {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM')
    await new Promise((r) => child!.once('exit', r))
  }
  rmSync(stateDir, { recursive: true, force: true })
}
