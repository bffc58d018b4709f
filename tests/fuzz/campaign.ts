// npm run fuzz: the full campaign (300 hostile requests per operation by default) against a fresh
// stack started here, or against FUZZ_BASE_URL. Prints the status distribution and every 5xx,
// wrong 2xx, non-problem 4xx and leak of internals with its request. Exit code 1 when any.
//   FUZZ_PER_OP=300 FUZZ_SEED=1 FUZZ_BASE_URL=http://localhost:9100 npm run fuzz
// (FUZZ_MODE=sample runs the deterministic sample of `npm test` instead.)
import { fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { runFuzz, summary } from './fuzz-run.ts'
import { freePort } from '../../scripts/free-port.ts'

async function startStack() {
  const port = await freePort()
  const stateDir = `.wrangler/fuzz-${port}`
  const child = fork('scripts/start.ts', ['--dev', '--memory', '--quiet'], {
    // CRM_TEST: rate limits keyed per client IP, which the fuzzer varies (see rate-limit.ts).
    env: { ...process.env, PORT: String(port), CRM_TEST: '1', CRM_PERSIST_DIR: stateDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m) => m === 'ready' && resolve())
    child.on('exit', (code) => reject(new Error(`the app exited during start-up (code ${code})`)))
  })
  return {
    base: `http://localhost:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
}

const stack = process.env.FUZZ_BASE_URL ? { base: process.env.FUZZ_BASE_URL, stop: async () => {} } : await startStack()
try {
  const started = Date.now()
  const report = await runFuzz(stack.base, {
    mode: process.env.FUZZ_MODE === 'sample' ? 'sample' : 'campaign',
    seed: Number(process.env.FUZZ_SEED ?? 1),
    perOp: Number(process.env.FUZZ_PER_OP ?? 300),
    log: (line) => console.log(line),
  })
  console.log(summary(report, Number(process.env.FUZZ_SHOW ?? 200)))
  console.log(`took ${Math.round((Date.now() - started) / 1000)} s`)
  process.exitCode = report.findings.length ? 1 : 0
} finally {
  await stack.stop()
}
