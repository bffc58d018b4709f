// Sessions for the three callers and records of the run's own (a team, a user, an organisation
// and what hangs off it), so ids in paths and bodies point at real rows a sales user can see.
import { type Operation, validValue, type Ids } from './openapi-ops.ts'

export type Role = 'admin' | 'sales' | 'anonymous'
export const DEMO_PASSWORD = 'Demo-Password-2026'

export class Caller {
  cookie = ''
  readonly base: string
  readonly role: Role
  readonly ip: () => string
  constructor(base: string, role: Role, ip: () => string) {
    this.base = base
    this.role = role
    this.ip = ip
  }

  async send(method: string, path: string, init: { body?: string | Uint8Array; contentType?: string } = {}) {
    const headers: Record<string, string> = { origin: this.base, 'cf-connecting-ip': this.ip() }
    if (this.cookie) headers.cookie = this.cookie
    if (init.contentType) headers['content-type'] = init.contentType
    const res = await fetch(this.base + path, { method, headers, body: init.body as BodyInit, redirect: 'manual' })
    const text = await res.text()
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, headers: res.headers }
  }

  async json(method: string, path: string, body?: unknown) {
    const res = await this.send(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: body === undefined ? undefined : 'application/json',
    })
    let parsed: any = null
    try {
      parsed = JSON.parse(res.text)
    } catch {}
    return { ...res, body: parsed }
  }

  async signIn(email = `${this.role}@demo.crm`) {
    if (this.role === 'anonymous') return
    const res = await fetch(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, 'cf-connecting-ip': this.ip() },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    })
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`)
    this.cookie = res.headers.get('set-cookie')!.split(';')[0]!
  }

  // A request the fuzzer sent may have ended this session (sign out everywhere): sign in again.
  async ensureSignedIn() {
    if (this.role === 'anonymous') return false
    const me = await this.send('GET', '/api/v1/auth/me')
    if (me.status === 200) return false
    await this.signIn()
    return true
  }
}

const find = (ops: Operation[], method: string, path: string) => ops.find((o) => o.method === method && o.path === path)

// Creates one record per resource through the API as admin; a resource whose creation fails is
// simply absent (its routes are still fuzzed, with ids that find nothing).
export async function makeFixtures(admin: Caller, sales: Caller, ops: Operation[]) {
  const me = await sales.json('GET', '/api/v1/auth/me')
  const adminMe = await admin.json('GET', '/api/v1/auth/me')
  const ids: Ids = { selfId: me.body.id, ownerId: me.body.id, assigneeId: me.body.id, userId: me.body.id }
  ids.teamId = me.body.teamId
  ids.actorId = adminMe.body.id
  const create = async (path: string, key: string, overrides: Record<string, unknown> = {}) => {
    const op = find(ops, 'POST', path)
    if (!op?.body) return
    const body = { ...(validValue('', op.body, ids) as object), ...overrides }
    const res = await admin.json('POST', path, body)
    if (res.status < 300 && res.body?.id) ids[key] = res.body.id
    else if (res.status < 300 && res.body?.data?.id) ids[key] = res.body.data.id
  }
  await create('/api/v1/teams', 'victimTeam', { name: `Fuzz team ${Date.now()}` })
  await create('/api/v1/users', 'victimUser', { role: 'viewer', teamId: ids.teamId })
  await create('/api/v1/organisations', 'organisationId', { type: 'EMETTEUR', ownerId: ids.ownerId })
  ids.issuerId = ids.organisationId
  await create('/api/v1/people', 'personId')
  await create('/api/v1/products', 'productId')
  ids.productIds = ids.productId
  await create('/api/v1/mandats', 'mandateId')
  await create('/api/v1/interactions', 'interactionId')
  await create('/api/v1/tasks', 'taskId')
  await create('/api/v1/api-tokens', 'tokenId', { role: 'viewer' })
  const events = await admin.json('GET', '/api/v1/admin/events?limit=1')
  ids.eventId = events.body?.data?.[0]?.id
  ids.targetId = ids.organisationId
  return ids
}

// The record an {id} in a path means, from the path's resource.
const RESOURCE_IDS: Record<string, string> = {
  users: 'victimUser',
  teams: 'victimTeam',
  organisations: 'organisationId',
  people: 'personId',
  products: 'productId',
  mandats: 'mandateId',
  interactions: 'interactionId',
  tasks: 'taskId',
  'api-tokens': 'tokenId',
  events: 'eventId',
  bin: 'organisationId',
}

export function pathValue(op: Operation, name: string, ids: Ids): string {
  if (name === 'role') return 'viewer'
  if (name === 'type') return 'organisations'
  if (name === 'id') {
    const resource = op.path.split('/{id}')[0]!.split('/').at(-1)!
    const resourceBefore = op.path.split('/').slice(0, -2).at(-1)
    return (
      ids[RESOURCE_IDS[resource] ?? RESOURCE_IDS[resourceBefore ?? ''] ?? ''] ?? '00000000-0000-4000-8000-000000000000'
    )
  }
  return ids[name] ?? '00000000-0000-4000-8000-000000000000'
}
