// KV as a cache of hot lists only: Postgres stays the truth, losing KV loses nothing.
// A version number per resource is part of every key, so one write invalidates all of its lists.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { Env } from '../env.ts'
import { type ListQuery, queryKey } from './list-key.ts'
import { countCacheLookup } from './cache-stats.ts'

const TTL_SECONDS = 300

const versionKey = (resource: string) => `v:${resource}`

async function version(kv: KVNamespace, resource: string) {
  return (await kv.get(versionKey(resource))) ?? '0'
}

export async function cachedList<T>(
  env: Pick<Env, 'CACHE'>,
  resource: string,
  scopeKey: string,
  query: ListQuery,
  load: () => Promise<T>,
): Promise<{ value: T; hit: boolean }> {
  const [v, q] = await Promise.all([version(env.CACHE, resource), queryKey(query)])
  const key = `list:${resource}:${v}:${scopeKey}:${q}`
  const hit = await env.CACHE.get<T>(key, 'json')
  if (hit !== null) return { value: hit, hit: true }
  const value = await load()
  await env.CACHE.put(key, JSON.stringify(value), { expirationTtl: TTL_SECONDS })
  return { value, hit: false }
}

export async function invalidateLists(env: Pick<Env, 'CACHE'>, ...resources: string[]) {
  await Promise.all(resources.flatMap((r) => (r === 'dashboard' ? [everyDashboard(env)] : [])))
  await Promise.all(resources.map((r) => env.CACHE.put(versionKey(r), crypto.randomUUID())))
}

// Dashboards are versioned per scope partition ('dashboard:all', 'dashboard:team:…',
// worker/dashboard/dashboard-invalidation.ts); 'dashboard' alone means all of them.
async function everyDashboard(env: Pick<Env, 'CACHE'>) {
  let cursor: string | undefined
  do {
    const page = await env.CACHE.list({ prefix: versionKey('dashboard:'), cursor })
    await Promise.all(page.keys.map((k) => env.CACHE.put(k.name, crypto.randomUUID())))
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
}

// A route's cached list: from KV when fresh, else loaded and stored; the x-cache header says which.
export async function cachedJson<E extends AppEnv, T>(
  c: Context<E>,
  resource: string,
  scopeKey: string,
  query: ListQuery,
  load: () => Promise<T>,
) {
  // Server-Timing's cache phase is the KV time alone: the load's own time is its queries'.
  let loadMs = 0
  const started = performance.now()
  const { value, hit } = await cachedList(c.env, resource, scopeKey, query, async () => {
    const loadStarted = performance.now()
    try {
      return await load()
    } finally {
      loadMs = performance.now() - loadStarted
    }
  })
  c.get('timing')?.add('cache', performance.now() - started - loadMs)
  countCacheLookup(c.env, c.executionCtx, hit)
  c.header('x-cache', hit ? 'HIT' : 'MISS')
  return value
}
