// List-cache hits and misses ({ hits, misses, hit_rate }, GET /api/v1/admin/cache-stats). Each
// isolate counts in memory and adds its counts to KV under its own key at most every 10 s (one
// write, in waitUntil, never on the request's path); the endpoint sums the keys. Counts are
// approximate by design: a recycled isolate loses its last 10 s, keys expire after a day.
import type { Env } from '../env.ts'

const PREFIX = 'stats:cache:'
const FLUSH_EVERY_MS = 10_000
const KEEP_SECONDS = 86_400

// Drawn on first use: workerd refuses random values in a module's global scope.
let isolate = ''
const counts = { hits: 0, misses: 0 }
let flushedAt = 0

export function countCacheLookup(env: Pick<Env, 'CACHE'>, ctx: { waitUntil(p: Promise<unknown>): void }, hit: boolean) {
  if (hit) counts.hits++
  else counts.misses++
  if (Date.now() - flushedAt < FLUSH_EVERY_MS) return
  flushedAt = Date.now()
  ctx.waitUntil(flush(env).catch(() => {}))
}

function flush(env: Pick<Env, 'CACHE'>) {
  isolate ||= crypto.randomUUID()
  return env.CACHE.put(`${PREFIX}${isolate}`, JSON.stringify(counts), { expirationTtl: KEEP_SECONDS })
}

export async function cacheStats(env: Pick<Env, 'CACHE'>) {
  // This isolate's latest counts first, so the answer includes the request that asked.
  await flush(env)
  flushedAt = Date.now()
  let hits = 0
  let misses = 0
  let cursor: string | undefined
  do {
    const page = await env.CACHE.list({ prefix: PREFIX, cursor })
    const values = await Promise.all(page.keys.map((k) => env.CACHE.get<typeof counts>(k.name, 'json')))
    for (const v of values) {
      hits += v?.hits ?? 0
      misses += v?.misses ?? 0
    }
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  const total = hits + misses
  return { hits, misses, hit_rate: total ? Math.round((hits / total) * 10_000) / 10_000 : null }
}
