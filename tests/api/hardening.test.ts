// The findings of the attack run (issue 10), each as the behaviour that now holds.
import { describe, expect, test } from 'vitest'
import { ApiClient, as, baseURL, unique } from '../setup/api-client.ts'

const rawPost = (path: string, body: Uint8Array | string, headers: Record<string, string> = {}, cookie = '') =>
  fetch(new URL(path, baseURL()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL(), cookie, ...headers },
    body: body as BodyInit,
  })

describe('bad input is a 400 naming the field, never a 500 nor a shifted value', () => {
  test('a NUL byte or a lone surrogate in a text field is refused with the field named', async () => {
    const sales = await as('sales')
    for (const notes of ['a\u0000b', 'a\uD800b']) {
      const res = await sales.post('/api/v1/organisations', { name: unique('Nul'), type: 'INVESTISSEUR', notes })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.body.errors[0].path).toBe('notes')
    }
    expect((await sales.get('/api/v1/organisations?q=%00')).status).toBe(400)
    expect((await sales.get('/api/v1/organisations?q=%FF')).body.errors[0].path).toBe('q')
  })

  test('a body that is not valid UTF-8 is refused, not stored as U+FFFD', async () => {
    const sales = await as('sales')
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"Bad '),
      0xc3,
      0x28,
      ...new TextEncoder().encode('","type":"INVESTISSEUR"}'),
    ])
    const res = await rawPost('/api/v1/organisations', bytes, {}, sales.cookie)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('(body)')
  })

  test('impossible dates and date-times are refused instead of shifted', async () => {
    const sales = await as('sales')
    for (const dueAt of ['2026-02-30T10:00:00Z', '2026-01-01T24:00:00Z', '0000-01-01T00:00:00Z']) {
      const res = await sales.post('/api/v1/tasks', { title: unique('Due'), dueAt })
      expect(res.status, dueAt).toBe(400)
      expect(res.body.errors[0].path).toBe('dueAt')
    }
    expect((await sales.get('/api/v1/interactions?from=2026-02-30T00:00:00Z')).status).toBe(400)
  })

  test('the audit log and API tokens refuse year 0 and 30 February by the shared date-time rule', async () => {
    const admin = await as('admin')
    for (const from of ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z']) {
      const res = await admin.get(`/api/v1/audit-log?from=${from}`)
      expect(res.status, from).toBe(400)
      expect(res.body.errors[0].path).toBe('from')
    }
    const token = await admin.post('/api/v1/api-tokens', {
      name: unique('Date'),
      roleCeiling: 'viewer',
      expiresAt: '2026-02-30T10:00:00Z',
    })
    expect(token.status).toBe(400)
    expect(token.body.errors[0].path).toBe('expiresAt')
  })

  test('forged cursors and ids shaped like UUIDs but not UUIDs are 400 or 404, never 500', async () => {
    const sales = await as('sales')
    const forged = Buffer.from('["not a date","00000000-0000-4000-8000-000000000000"]').toString('base64url')
    expect((await sales.get(`/api/v1/interactions?cursor=${forged}`)).status).toBe(400)
    expect(
      (await sales.get('/api/v1/products?cursor=W251bGwsIi0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLSJd')).status,
    ).toBe(400)
    const admin = await as('admin')
    for (const id of ['------------------------------------', 'aaaaaaaaa-aaa-aaaa-aaaa-aaaaaaaaaaaa']) {
      expect((await admin.post(`/api/v1/users/${id}/unlock`)).status).toBe(404)
      expect((await admin.request('PATCH', `/api/v1/teams/${id}`, { name: 'x' })).status).toBe(404)
    }
  })

  test('the largest amount accepted still sums on the dashboard; a larger one is refused', async () => {
    const sales = await as('sales')
    const tooLarge = await sales.post('/api/v1/organisations', {
      name: unique('Big'),
      type: 'INVESTISSEUR',
      amount: '99999999999999.99',
    })
    expect(tooLarge.status).toBe(400)
    expect(tooLarge.body.errors[0].path).toBe('amount')
    for (let i = 0; i < 3; i++) {
      const ok = await sales.post('/api/v1/organisations', {
        name: unique('Big'),
        type: 'INVESTISSEUR',
        amount: '999999999999.99',
      })
      expect(ok.status).toBe(201)
    }
    expect((await sales.get('/api/v1/dashboard')).status).toBe(200)
    expect((await (await as('admin')).get('/api/v1/pipeline/board')).status).toBe(200)
  })
})

describe('access', () => {
  test('the development mailbox is for admins only', async () => {
    expect((await new ApiClient().get('/api/v1/dev/mails')).status).toBe(401)
    expect((await (await as('sales')).get('/api/v1/dev/mails')).status).toBe(403)
    expect((await (await as('admin')).get('/api/v1/dev/mails')).status).toBe(200)
  })

  test('an API token cannot list sessions, sign its user out everywhere or change the password', async () => {
    const admin = await as('admin')
    const expiresAt = new Date(Date.now() + 86400_000).toISOString()
    const created = await admin.post('/api/v1/api-tokens', { name: unique('ro'), roleCeiling: 'viewer', expiresAt })
    expect(created.status).toBe(201)
    const token = new ApiClient(created.body.token)
    expect((await token.get('/api/v1/auth/sessions')).status).toBe(403)
    expect((await token.post('/api/v1/auth/logout-all')).status).toBe(403)
    expect((await admin.get('/api/v1/auth/me')).status).toBe(200)
  })

  test('a token name with a lone surrogate is refused and no token is created', async () => {
    const admin = await as('admin')
    const name = unique('surrogate')
    const expiresAt = new Date(Date.now() + 86400_000).toISOString()
    const res = await admin.post('/api/v1/api-tokens', { name: `${name}\uD800`, roleCeiling: 'viewer', expiresAt })
    expect(res.status).toBe(400)
    const list = await admin.get('/api/v1/api-tokens')
    expect(JSON.stringify(list.body)).not.toContain(name)
  })

  test('a sales user sees the issuer name only of organisations in their scope', async () => {
    const sales = await as('sales')
    const products = await sales.get('/api/v1/products?limit=100')
    expect(products.status).toBe(200)
    const named = products.body.data.filter((p: { issuerName: string | null }) => p.issuerName)
    for (const p of named) expect((await sales.get(`/api/v1/organisations/${p.issuerId}`)).status).toBe(200)
  })
})

describe('web', () => {
  test('after sign-in, only a same-origin path is followed', async () => {
    for (const next of ['/\\evil.example', '//evil.example', '/%09/evil.example', 'https://evil.example']) {
      const res = await fetch(new URL(`/login?next=${encodeURIComponent(next)}`, baseURL()), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL() },
        body: new URLSearchParams({ email: 'viewer@demo.crm', password: 'Demo-Password-2026' }),
        redirect: 'manual',
      })
      const location = res.headers.get('location') ?? ''
      expect(new URL(location, baseURL()).origin, next).toBe(new URL(baseURL()).origin)
    }
  })

  test('API answers and pages are not stored by caches, and connections go to this host only', async () => {
    const sales = await as('sales')
    const api = await sales.get('/api/v1/organisations?limit=1')
    expect(api.headers.get('cache-control')).toContain('no-store')
    const page = await fetch(new URL('/login', baseURL()))
    expect(page.headers.get('cache-control')).toContain('no-store')
    const csp = page.headers.get('content-security-policy') ?? ''
    const connect = csp.split(';').find((d) => d.trim().startsWith('connect-src'))!
    expect(connect).not.toMatch(/\s(ws|wss):(\s|$)/)
    expect(connect).toContain("'self'")
  })
})
