import { describe, expect, test } from 'vitest'
import { ApiClient, as, baseURL } from '../setup/api-client.ts'

const PARTNER = 'https://partner.example.test'
const EVIL = 'https://evil.example'

describe('security headers', () => {
  test(
    'an API answer carries HSTS, nosniff, a CSP with frame-ancestors none, ' + 'Referrer-Policy and Permissions-Policy',
    async () => {
      const res = await new ApiClient().get('/api/v1/health')
      const h = res.headers
      expect(h.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
      expect(h.get('x-content-type-options')).toBe('nosniff')
      expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(h.get('permissions-policy')).toContain('camera=()')
    },
  )

  test('an API answer loads nothing (CSP default-src none); the API docs page keeps its script policy', async () => {
    const res = await new ApiClient().get('/api/v1/health')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    const docs = await fetch(new URL('/api/docs', baseURL()))
    const csp = docs.headers.get('content-security-policy')!
    const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    expect(await docs.text()).toContain(`nonce="${nonce}"`)
  })

  test("a page's scripts run only with this response's nonce: no unsafe-inline for scripts", async () => {
    const first = await fetch(new URL('/login', baseURL()))
    const html = await first.text()
    const csp = first.headers.get('content-security-policy')!
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'))!
    expect(scriptSrc).not.toContain('unsafe-inline')
    const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1]
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const second = await fetch(new URL('/login', baseURL()))
    await second.text()
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
    expect(first.headers.get('strict-transport-security')).toBeTruthy()
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('CORS', () => {
  test('an allowed origin is echoed with credentials, never *', async () => {
    const res = await new ApiClient().get('/api/v1/health', { origin: PARTNER })
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('vary')).toMatch(/origin/i)
  })

  test('an unknown origin gets no Access-Control-Allow-Origin', async () => {
    const res = await new ApiClient().get('/api/v1/health', { origin: EVIL })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('a preflight from an allowed origin lists the methods; from an unknown one it is not allowed', async () => {
    const preflight = (origin: string) =>
      fetch(new URL('/api/v1/organisations', baseURL()), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type' },
      })
    const ok = await preflight(PARTNER)
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER)
    expect(ok.headers.get('access-control-allow-methods')).toContain('PATCH')
    const refused = await preflight(EVIL)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('CSRF', () => {
  // A harmless cookie-authenticated write: a wrong current password answers 400 once past CSRF.
  const write = (client: ApiClient, headers: Record<string, string>) =>
    client.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'whatever-long-enough' }, headers)

  test('a cookie-authenticated write from a foreign origin is refused', async () => {
    const res = await write(await as('sales'), { origin: EVIL })
    expect(res.status).toBe(403)
    expect(res.body.type).toBe('/problems/csrf')
  })

  test('a cookie-authenticated write without Origin is refused', async () => {
    const res = await write(await as('sales'), { origin: '' })
    expect(res.status).toBe(403)
  })

  test('the same origin and allowed origins pass', async () => {
    expect((await write(await as('sales'), {})).status).toBe(400)
    expect((await write(await as('sales'), { origin: PARTNER })).status).toBe(400)
  })

  test('a Bearer-token call carries no ambient credential and is not checked', async () => {
    const admin = await as('admin')
    const token = (
      await admin.post('/api/v1/api-tokens', {
        name: 'CSRF',
        roleCeiling: 'viewer',
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
      })
    ).body.token
    const res = await new ApiClient(token).post('/api/v1/notifications/read', {}, { origin: EVIL })
    expect(res.status).not.toBe(403)
    expect(res.status).toBeLessThan(500)
  })

  test('signing in from a foreign origin is refused (login CSRF)', async () => {
    const res = await new ApiClient().post(
      '/api/v1/auth/login',
      { email: 'sales@demo.crm', password: 'Demo-Password-2026' },
      { origin: EVIL },
    )
    expect(res.status).toBe(403)
  })

  test('the web sign-in form posted from the same origin works through the in-process API', async () => {
    const form = new URLSearchParams({ email: 'viewer@demo.crm', password: 'Demo-Password-2026' })
    const post = (origin: string) =>
      fetch(new URL('/login', baseURL()), {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { origin, 'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.1` },
      })
    const same = await post(baseURL())
    expect(same.status).toBe(302)
    expect(same.headers.get('set-cookie')).toMatch(/crm_session=/)
    const foreign = await post(EVIL)
    expect(foreign.headers.get('set-cookie')).toBeNull()
  })
})

describe('audit log', () => {
  test(
    'sign-ins, failures and deletions are recorded with ' + 'actor, IP, time and target; admins filter them',
    async () => {
      const ip = '10.77.0.1'
      await new ApiClient(undefined, ip).post('/api/v1/auth/login', {
        email: 'manager@demo.crm',
        password: 'wrong-password',
      })
      const admin = await as('admin')
      const created = await admin.post('/api/v1/organisations', { name: `Audit ${Date.now()}`, type: 'INVESTISSEUR' })
      expect((await admin.delete(`/api/v1/organisations/${created.body.id}`)).status).toBe(204)

      const failures = await admin.get('/api/v1/audit-log?action=auth.login_failed&limit=20')
      const failure = failures.body.data.find((e: { ip: string }) => e.ip === ip)
      expect(failure).toMatchObject({
        action: 'auth.login_failed',
        targetType: 'user',
        details: { email: 'manager@demo.crm' },
      })
      expect(failure.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)

      const deletion = await admin.get(`/api/v1/audit-log?targetId=${created.body.id}`)
      expect(deletion.body.data[0]).toMatchObject({
        action: 'organisations.deleted',
        actorEmail: 'admin@demo.crm',
        targetType: 'organisations',
      })

      const prefix = await admin.get('/api/v1/audit-log?action=auth.&limit=30')
      expect(prefix.body.data.length).toBeGreaterThan(0)
      expect(prefix.body.data.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true)

      const page1 = await admin.get('/api/v1/audit-log?limit=2')
      const page2 = await admin.get(`/api/v1/audit-log?limit=2&cursor=${page1.body.nextCursor}`)
      expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id)
      expect(new Date(page2.body.data[0].createdAt) <= new Date(page1.body.data[1].createdAt)).toBe(true)

      const future = await admin.get(
        `/api/v1/audit-log?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
      )
      expect(future.body.data).toEqual([])
    },
  )

  test('only admins read the audit log', async () => {
    for (const role of ['manager', 'sales', 'viewer'] as const) {
      expect((await (await as(role)).get('/api/v1/audit-log')).status).toBe(403)
    }
  })
})
