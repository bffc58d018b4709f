// The permission matrix, generated from the running app: every /api/v1 route (from
// GET /api/v1/admin/routes, so routes added by any feature are covered without editing this
// file) × anonymous and the four roles × a record in the caller's scope and one outside it.
//   no session                 → 401 (unless the route is public)
//   role without the permission → 403, whatever the record
//   record outside the scope   → answered exactly as a record that does not exist (404)
//   record inside the scope    → served (reads) or accepted past authorization (writes)
// In-scope POST and DELETE are not sent: they would change the seeded records other files read;
// each feature's own tests prove its writes. Out-of-scope ones are sent: they must change nothing.
import { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { beforeAll, describe, expect, test } from 'vitest'
import { ApiClient, as, type DemoUser } from '../setup/api-client.ts'
import { apiRoute } from '../../worker/http/route.ts'
import { requireDeclaredRoute } from '../../worker/middleware/route-guard.ts'
import { createLogger } from '../../worker/http/logger.ts'

type RouteEntry = { method: string; path: string; access: string | null }
type Role = 'admin' | 'manager' | 'sales' | 'viewer'
const ROLES: Role[] = ['admin', 'manager', 'sales', 'viewer']
// Records scoped by owner/team (permissions/scope.ts); other resources have no record scope.
const RECORD_RESOURCES = new Set(['organisations', 'people', 'mandates', 'interactions', 'tasks', 'documents'])
const NONEXISTENT = '00000000-0000-4000-8000-000000000000'
// Routes that would end the test's own sessions: only the anonymous case is checked.
const SELF_ENDING = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all'])

const admin = await as('admin')
const inventory = await admin.get('/api/v1/admin/routes')
const routes: RouteEntry[] = inventory.body.data
const v1 = routes.filter((r) => r.path.startsWith('/api/v1/'))

const resourceOf = (access: string | null) => access?.split(':')[0] ?? ''
const params = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
const prefixOf = (path: string) => path.split('/:')[0]!
const items = (body: unknown): Record<string, unknown>[] =>
  Array.isArray(body)
    ? body
    : Array.isArray((body as { data?: unknown })?.data)
      ? (body as { data: Record<string, unknown>[] }).data
      : []

type Fixture = { record: boolean; inScope?: string; outOfScope?: string }
const clients = {} as Record<DemoUser, ApiClient>
const permissions = {} as Record<Role, Set<string>>
const fixtures = new Map<string, Fixture>()
let ids: { sales: string; sales2: string }

async function listAll(client: ApiClient, prefix: string) {
  const res = await client.get(`${prefix}?limit=100`)
  return items(res.status === 200 ? res.body : (await client.get(prefix)).body)
}

const OWNER_FIELDS = ['ownerId', 'userId', 'assigneeId', 'createdBy']
const ownedBy = (item: Record<string, unknown>, userId: string) => OWNER_FIELDS.some((f) => item[f] === userId)

// A record of sales (team Paris): in scope for admin, the Paris manager, sales and the Paris
// viewer. A record of sales2 (team Lyon): out of scope for all of them but admin.
async function fixtureFor(prefix: string): Promise<Fixture> {
  const list = v1.find((r) => r.method === 'GET' && r.path === prefix)
  const detail = v1.some((r) => r.method === 'GET' && r.path === `${prefix}/:id`)
  if (!list || list.access === 'authenticated') return { record: false }
  if (!RECORD_RESOURCES.has(resourceOf(list.access))) {
    const first = (await listAll(clients.admin, prefix)).find((i) => typeof i.id === 'string')
    return { record: false, inScope: first?.id as string | undefined }
  }
  const visibleTo = async (u: DemoUser, id: string) =>
    !detail || (await clients[u].get(`${prefix}/${id}`)).status === 200
  const mine = (await listAll(clients.sales, prefix)).filter((i) => ownedBy(i, ids.sales))
  let inScope: string | undefined
  for (const candidate of mine.slice(0, 5)) {
    const id = candidate.id as string
    if ((await visibleTo('manager', id)) && (await visibleTo('viewer', id))) {
      inScope = id
      break
    }
  }
  const theirs = (await listAll(clients.sales2, prefix)).filter((i) => ownedBy(i, ids.sales2))
  let outOfScope: string | undefined
  for (const candidate of theirs.slice(0, 5)) {
    const id = candidate.id as string
    if (
      !detail ||
      ((await clients.sales.get(`${prefix}/${id}`)).status === 404 &&
        (await clients.manager.get(`${prefix}/${id}`)).status === 404)
    ) {
      outOfScope = id
      break
    }
  }
  return { record: true, inScope, outOfScope }
}

function url(route: RouteEntry, id: string) {
  const [first, ...rest] = params(route.path)
  let path = route.path
  if (first) path = path.replace(`:${first}`, /id$/i.test(first) ? id : 'zz-nonexistent')
  for (const p of rest) path = path.replace(`:${p}`, /id$/i.test(p) ? NONEXISTENT : 'zz-nonexistent')
  return path
}

const send = (client: ApiClient, method: string, path: string) =>
  client.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {})

beforeAll(async () => {
  for (const u of ['admin', 'manager', 'sales', 'viewer', 'sales2'] as DemoUser[]) clients[u] = await as(u)
  for (const role of ROLES) permissions[role] = new Set((await clients[role].get('/api/v1/auth/me')).body.permissions)
  ids = {
    sales: (await clients.sales.get('/api/v1/auth/me')).body.id,
    sales2: (await clients.sales2.get('/api/v1/auth/me')).body.id,
  }
}, 120_000)

describe('declarations', () => {
  test('the route inventory is admin-only', async () => {
    expect(inventory.status).toBe(200)
    expect((await (await as('manager')).get('/api/v1/admin/routes')).status).toBe(403)
  })

  test('every /api/v1 route declares the access it needs', () => {
    expect(v1.length).toBeGreaterThan(20)
    expect(v1.filter((r) => r.access === null).map((r) => `${r.method} ${r.path}`)).toEqual([])
  })

  test('every /api/v1 operation in the OpenAPI document carries its x-permission', async () => {
    const doc = (await new ApiClient().get('/api/openapi.json')).body
    const missing: string[] = []
    let count = 0
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { 'x-permission'?: string }>>,
    )) {
      if (!path.startsWith('/api/v1/')) continue
      for (const [method, op] of Object.entries(ops)) {
        count++
        if (!op['x-permission']) missing.push(`${method.toUpperCase()} ${path}`)
      }
    }
    expect(count).toBe(v1.length)
    expect(missing).toEqual([])
  })

  test('a route registered without a declaration is refused at run time, a declared one runs', async () => {
    const app = new OpenAPIHono().basePath('/api')
    app.use('*', async (c, next) => {
      c.set('log' as never, createLogger() as never)
      await next()
    })
    app.use('/v1/*', requireDeclaredRoute() as never)
    app.onError((e, c) => c.json({ detail: e.message }, 500))
    app.get('/v1/sneaky', (c) => c.json({ leaked: true }))
    app.openapi(
      apiRoute({
        method: 'get',
        path: '/v1/declared-for-test',
        access: 'public',
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } },
        },
      }),
      (c) => c.json({ ok: true }, 200),
    )
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => {
      errors.push(args)
    }
    try {
      const sneaky = await app.request('/api/v1/sneaky')
      expect(sneaky.status).toBe(500)
      expect(await sneaky.text()).not.toContain('leaked')
    } finally {
      console.error = original
    }
    expect(errors).toHaveLength(1)
    expect((await app.request('/api/v1/declared-for-test')).status).toBe(200)
  })
})

describe.each(v1.map((r) => ({ ...r, name: `${r.method} ${r.path}` })))('$name', (route) => {
  test('answers anonymous callers and every role as its declared access and the record scope say', {
    timeout: 120_000,
  }, async () => {
    const failures: string[] = []
    const check = (label: string, status: number, ok: boolean, want: string) => {
      if (!ok) failures.push(`${label}: got ${status}, want ${want}`)
    }
    const [firstParam] = params(route.path)
    const prefix = prefixOf(route.path)
    const fixture =
      firstParam && /id$/i.test(firstParam)
        ? (fixtures.get(prefix) ?? fixtures.set(prefix, await fixtureFor(prefix)).get(prefix)!)
        : { record: false }
    const extraParams = params(route.path).length > 1
    const isRead = route.method === 'GET'
    const harmless = (s: number) => s !== 401 && s !== 403 && s < 500

    const anon = await send(new ApiClient(), route.method, url(route, fixture.inScope ?? NONEXISTENT))
    if (route.access === 'public') check('anonymous', anon.status, harmless(anon.status), 'not 401/403/5xx')
    else check('anonymous', anon.status, anon.status === 401, '401')
    if (route.access === 'public' || SELF_ENDING.has(`${route.method} ${route.path}`)) {
      expect(failures).toEqual([])
      return
    }

    // One role after another: the embedded database serialises transactions across connections,
    // and parallel writes there occasionally fail a neighbour's query (a local-only artefact).
    for (const role of ROLES)
      await (async () => {
        const client = clients[role]
        const allowed = route.access === 'authenticated' || permissions[role].has(route.access!)
        if (!allowed) {
          const res = await send(client, route.method, url(route, fixture.inScope ?? NONEXISTENT))
          check(`${role} without ${route.access}`, res.status, res.status === 403, '403')
          return
        }
        if (!firstParam || !/id$/i.test(firstParam)) {
          const res = await send(client, route.method, url(route, NONEXISTENT))
          check(role, res.status, harmless(res.status), 'not 401/403/5xx')
          return
        }
        if (!fixture.record) {
          const id = isRead && fixture.inScope ? fixture.inScope : NONEXISTENT
          const res = await send(client, route.method, url(route, id))
          check(
            `${role} (${id === NONEXISTENT ? 'unknown id' : 'existing id'})`,
            res.status,
            harmless(res.status),
            'not 401/403/5xx',
          )
          return
        }
        // Record routes: inside the scope.
        const visible = [fixture.inScope, role === 'admin' ? fixture.outOfScope : undefined].filter(Boolean) as string[]
        if (route.method === 'GET' || route.method === 'PATCH' || route.method === 'PUT') {
          for (const id of visible) {
            const res = await send(client, route.method, url(route, id))
            const served =
              isRead && !extraParams
                ? res.status >= 200 && res.status < 300
                : harmless(res.status) && (extraParams || res.status !== 404)
            check(`${role} in scope`, res.status, served, isRead ? '2xx' : 'past authorization (not 401/403/404/5xx)')
          }
        }
        // Outside the scope: indistinguishable from a record that does not exist.
        if (role !== 'admin' && fixture.outOfScope) {
          const res = await send(client, route.method, url(route, fixture.outOfScope))
          if (res.status !== 404) {
            const unknown = await send(client, route.method, url(route, NONEXISTENT))
            check(
              `${role} out of scope`,
              res.status,
              res.status === unknown.status && res.status >= 400 && res.status !== 403,
              `${unknown.status}, as for an unknown id`,
            )
          }
        }
      })()
    expect(failures).toEqual([])
  })
})

test('record routes found fixtures in and out of scope for every scoped resource with data', () => {
  const missing = [...fixtures.entries()].filter(([, f]) => f.record && (!f.inScope || !f.outOfScope)).map(([p]) => p)
  expect(missing).toEqual([])
})
