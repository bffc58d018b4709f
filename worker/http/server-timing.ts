// Where a request's time goes, as a Server-Timing header (devtools and the benchmark read it):
// session, permissions, rate limit, connection, query, serialisation, cache, plus the counts of
// statements and connections. One collector per request; a page's in-process API calls share
// their page's (worker/http/in-process.ts), so the page response sums them.
import type { Pool, PoolClient } from '@neondatabase/serverless'

export const PHASES = ['session', 'permissions', 'rate-limit', 'connection', 'query', 'serialisation', 'cache'] as const
export type Phase = (typeof PHASES)[number]

export class RequestTiming {
  readonly ms = new Map<Phase, number>()
  statements = 0
  connections = 0
  sessionLookups = 0

  add(phase: Phase, ms: number) {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms)
    if (phase === 'session') this.sessionLookups++
  }

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.add(phase, performance.now() - started)
    }
  }

  header() {
    const phases = PHASES.filter((p) => this.ms.has(p)).map((p) => `${p};dur=${this.ms.get(p)!.toFixed(1)}`)
    const db = `${this.statements} statements, ${this.connections} connections, ${this.sessionLookups} session look-ups`
    return [...phases, `db;desc="${db}"`].join(', ')
  }
}

type Callback = (err: unknown, result?: unknown) => void

// Counts and times every statement and physical connection of a pool. pg-pool's own query()
// goes through connect() and the client's query(), so wrapping those two sees everything once.
export function instrumentPool(pool: Pool, timing: RequestTiming) {
  pool.on('connect', (client: PoolClient) => {
    timing.connections++
    // One wrapper stands for all of pg's query() overloads, so it is assigned through a looser type.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as { query: typeof query }).query = (...args: unknown[]) => {
      timing.statements++
      const started = performance.now()
      const done = () => timing.add('query', performance.now() - started)
      const last = args.at(-1)
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, result: unknown) => {
          done()
          ;(last as Callback)(err, result)
        }
        return query(...args)
      }
      const result = query(...args) as Promise<unknown> | undefined
      if (result && typeof result.then === 'function') result.then(done, done)
      return result
    }
  })
  const connect = pool.connect.bind(pool) as (cb?: Callback) => unknown
  ;(pool as { connect: typeof connect }).connect = (cb?: Callback) => {
    const started = performance.now()
    const done = () => timing.add('connection', performance.now() - started)
    if (cb)
      return connect((err, client) => {
        done()
        cb(err, client)
      })
    const result = connect() as Promise<unknown>
    result.then(done, done)
    return result
  }
}
