// The command line every benchmark shares: its `--name value` options, and the restart with type
// transformation that the worker's modules need (parameter properties are not mere type stripping).
import { spawnSync } from 'node:child_process'

export const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1]! : fallback
}

// Runs this benchmark again in a Node that transforms types (plus `flags`, e.g. --expose-gc) and
// exits with its status; returns at once when this process already is that one.
export function restartWithTypeTransform(flags: string[] = []) {
  if (process.execArgv.includes('--experimental-transform-types')) return
  const r = spawnSync(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', ...flags, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  )
  process.exit(r.status ?? 1)
}
