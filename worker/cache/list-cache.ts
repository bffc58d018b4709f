// KV as a cache of hot lists only: Postgres stays the truth, losing KV loses nothing.
// A version number per resource is stored with every entry, so one write invalidates all of its
// lists: an entry whose version is not the resource's current one is a miss.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { Env } from '../env.ts'
import { type ListQuery, queryKey } from './list-key.ts'
import { countCacheLookup } from './cache-stats.ts'
import { recentEntry, rememberEntry } from './recent-entries.ts'

const TTL_SECONDS = 300

const versionKey = (resource: string) => `v:${resource}`

type Entry<T> = { v: string; value: T }

// The version and the entry are read side by side (one KV round trip, not two in a row): with
// the version inside the entry's key, the entry could only be asked for once the version was known.
// A miss stores its entry through `defer` (waitUntil in a request: off the response's path; on
// the organisations list by cursor it was 22 ms of the cache phase's p50 under load, decision 009)
// and keeps it in the isolate until the write has surely landed.
export async function cachedList<T>(
  env: Pick<Env, 'CACHE'>,
  resource: string,
  scopeKey: string,
  query: ListQuery,
  load: () => Promise<T>,
  defer: (work: Promise<unknown>) => unknown = (work) => work,
): Promise<{ value: T; hit: boolean }> {
  const key = `list:${resource}:${scopeKey}:${await queryKey(query)}`
  const [stored, entry] = await Promise.all([env.CACHE.get(versionKey(resource)), env.CACHE.get<Entry<T>>(key, 'json')])
  if (stored !== null && entry !== null && entry.v === stored) return { value: entry.value, hit: true }
  // A resource never invalidated has no version yet: one is written before the load, so that
  // dropping every dashboard (which bumps the versions it lists, invalidateLists) finds it. An
  // entry stored under an absent version stayed valid through such a drop: a sales dashboard
  // kept its open tasks after a task was created on an organisation.
  const v = stored ?? (await newVersion(env, resource))
  // This isolate's own miss whose write to KV has not landed yet.
  const recent = recentEntry(key)
  if (recent?.v === v) return { value: JSON.parse(recent.json) as T, hit: true }
  const value = await load()
  const json = JSON.stringify(value)
  rememberEntry(key, { v, json })
  const body = `{"v":${JSON.stringify(v)},"value":${json}}`
  await defer(env.CACHE.put(key, body, { expirationTtl: TTL_SECONDS }))
  return { value, hit: false }
}

async function newVersion(env: Pick<Env, 'CACHE'>, resource: string) {
  const v = crypto.randomUUID()
  await env.CACHE.put(versionKey(resource), v)
  return v
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

// A page reached by cursor is not a hot list: each key is new (the cursor is in it), so KV would
// be read where it holds nothing, from its central store in production (KV caches a key in a
// location only once read there), and then written for a reader who rarely comes. Locally the
// read and the write cost 2 ms of the request's p50 (decision 009); Postgres reads it in one keyset
// statement.
const isLaterPage = (query: ListQuery) => typeof query.cursor === 'string' && query.cursor !== ''

// A route's cached list: from KV when fresh, else loaded and stored; the x-cache header says which
// (BYPASS for a later page, never cached).
export async function cachedJson<E extends AppEnv, T>(
  c: Context<E>,
  resource: string,
  scopeKey: string,
  query: ListQuery,
  load: () => Promise<T>,
) {
  if (isLaterPage(query)) {
    c.header('x-cache', 'BYPASS')
    return load()
  }
  // Server-Timing's cache phase is the KV time alone: the load's own time is its queries'.
  let loadMs = 0
  const started = performance.now()
  const { value, hit } = await cachedList(
    c.env,
    resource,
    scopeKey,
    query,
    async () => {
      const loadStarted = performance.now()
      try {
        return await load()
      } finally {
        loadMs = performance.now() - loadStarted
      }
    },
    (work) => c.executionCtx.waitUntil(work.catch(() => {})),
  )
  c.get('timing')?.add('cache', performance.now() - started - loadMs)
  countCacheLookup(c.env, c.executionCtx, hit)
  c.header('x-cache', hit ? 'HIT' : 'MISS')
  return value
}
