import { describe, expect, test } from 'vitest'
import { ApiClient, as } from '../setup/api-client.ts'

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString()

async function createToken(body: Record<string, unknown>) {
  const admin = await as('admin')
  const res = await admin.post('/api/v1/api-tokens', {
    name: `Intégration ${Date.now()}`,
    roleCeiling: 'admin',
    expiresAt: inDays(30),
    ...body,
  })
  expect(res.status).toBe(201)
  return res.body as { id: string; token: string; name: string; status: string }
}

describe('API tokens', () => {
  test('an admin creates a token shown once; it works as a Bearer token and records its last use', async () => {
    const created = await createToken({ roleCeiling: 'manager' })
    expect(created.token).toMatch(/^crm_/)
    expect(created.status).toBe('active')
    const admin = await as('admin')
    const listed = (await admin.get('/api/v1/api-tokens')).body.data.find((t: { id: string }) => t.id === created.id)
    expect(listed).toBeTruthy()
    expect(listed.token).toBeUndefined()
    expect(JSON.stringify(listed)).not.toContain(created.token)
    expect(listed.lastUsedAt).toBeNull()

    const integration = new ApiClient(created.token)
    const me = await integration.get('/api/v1/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.role).toBe('manager')
    const after = (await admin.get('/api/v1/api-tokens')).body.data.find((t: { id: string }) => t.id === created.id)
    expect(after.lastUsedAt).not.toBeNull()

    const audit = await admin.get(`/api/v1/audit-log?action=token.used&targetId=${created.id}`)
    expect(audit.body.data).toHaveLength(1)
  })

  test('a token never exceeds its role ceiling', async () => {
    const created = await createToken({ roleCeiling: 'viewer' })
    const integration = new ApiClient(created.token)
    expect((await integration.get('/api/v1/organisations?limit=1')).status).toBe(200)
    expect((await integration.post('/api/v1/organisations', { name: 'Par jeton', type: 'INVESTISSEUR' })).status).toBe(
      403,
    )
    expect((await integration.get('/api/v1/users')).status).toBe(200)
    expect((await integration.get('/api/v1/api-tokens')).status).toBe(403)
  })

  test('a revoked token stops working at once', async () => {
    const created = await createToken({})
    const integration = new ApiClient(created.token)
    expect((await integration.get('/api/v1/auth/me')).status).toBe(200)
    const admin = await as('admin')
    expect((await admin.delete(`/api/v1/api-tokens/${created.id}`)).status).toBe(204)
    expect((await integration.get('/api/v1/auth/me')).status).toBe(401)
    const listed = (await admin.get('/api/v1/api-tokens')).body.data.find((t: { id: string }) => t.id === created.id)
    expect(listed.status).toBe('revoked')
    expect((await admin.delete(`/api/v1/api-tokens/${created.id}`)).status).toBe(404)
  })

  test('an expired token stops working', async () => {
    const created = await createToken({ expiresAt: new Date(Date.now() + 2500).toISOString() })
    const integration = new ApiClient(created.token)
    expect((await integration.get('/api/v1/auth/me')).status).toBe(200)
    await new Promise((r) => setTimeout(r, 3000))
    expect((await integration.get('/api/v1/auth/me')).status).toBe(401)
    const admin = await as('admin')
    const listed = (await admin.get('/api/v1/api-tokens')).body.data.find((t: { id: string }) => t.id === created.id)
    expect(listed.status).toBe('expired')
  })

  test('a token needs a future expiry within a year', async () => {
    const admin = await as('admin')
    const past = await admin.post('/api/v1/api-tokens', { name: 'Passé', roleCeiling: 'viewer', expiresAt: inDays(-1) })
    expect(past.status).toBe(400)
    const far = await admin.post('/api/v1/api-tokens', {
      name: 'Lointain',
      roleCeiling: 'viewer',
      expiresAt: inDays(400),
    })
    expect(far.status).toBe(400)
  })

  test('only admins see and manage tokens', async () => {
    const manager = await as('manager')
    expect((await manager.get('/api/v1/api-tokens')).status).toBe(403)
    expect(
      (await manager.post('/api/v1/api-tokens', { name: 'x', roleCeiling: 'viewer', expiresAt: inDays(1) })).status,
    ).toBe(403)
  })

  test('an unknown Bearer token is refused', async () => {
    expect((await new ApiClient('crm_not-a-real-token').get('/api/v1/auth/me')).status).toBe(401)
  })
})
