// Percentiles and the printed table of the search benchmark.
import type { BenchQuery } from './queries.ts'

export type Sample = { q: BenchQuery; client?: number; server?: number; sql?: number }

// Nearest-rank percentiles: p50, p95, p99, max.
export function percentiles(values: number[]): [number, number, number, number] {
  const v = [...values].sort((a, b) => a - b)
  const at = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))] ?? NaN
  return [at(50), at(95), at(99), v.at(-1) ?? NaN]
}

const ms = (n: number) => n.toFixed(1).padStart(8)

export function printTable(samples: Sample[]) {
  const heads = ['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')
  console.log(`${'endpoint'.padEnd(14)}${'measure'.padEnd(10)}${'n'.padStart(6)}${heads}   (ms)`)
  for (const endpoint of ['search', 'autocomplete'] as const) {
    const own = samples.filter((s) => s.q.endpoint === endpoint)
    const rows = { client: own.map((s) => s.client!), server: own.map((s) => s.server!), sql: own.map((s) => s.sql!) }
    for (const [name, values] of Object.entries(rows)) {
      const cells = percentiles(values).map(ms).join('')
      console.log(`${endpoint.padEnd(14)}${name.padEnd(10)}${String(values.length).padStart(6)}${cells}`)
    }
    const [s50, s95] = percentiles(rows.server)
    const [q50, q95] = percentiles(rows.sql)
    const ratios = [s50 / q50, s95 / q95].map((r) => r.toFixed(2).padStart(8)).join('')
    console.log(`${endpoint.padEnd(14)}${'ratio'.padEnd(10)}${''.padStart(6)}${ratios}   server / sql`)
  }
  console.log('\np95 by kind of query (server / sql, ms):')
  const kinds = [...new Set(samples.map((s) => s.q.kind))]
  for (const kind of kinds) {
    const own = samples.filter((s) => s.q.kind === kind)
    const example = own[0]!.q.q
    const [server, sql] = [own.map((s) => s.server!), own.map((s) => s.sql!)].map((v) => ms(percentiles(v)[1]))
    console.log(`  ${kind.padEnd(40)}${server}${sql}   e.g. ${JSON.stringify(example)}`)
  }
}
