import { describe, expect, test } from 'vitest'
import { ApiClient, as } from '../setup/api-client.ts'
import { createUser, freshEmail, latestMail, linkToken, readyUser, signIn, STRONG_PASSWORD } from './auth-helpers.ts'

describe('users administration', () => {
  test('an admin creates a user; a second account with the same email is refused', async () => {
    const admin = await as('admin')
    const email = freshEmail('new')
    const res = await admin.post('/api/v1/users', {
      email,
      name: 'Nouvelle Recrue',
      role: 'viewer',
      password: STRONG_PASSWORD,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ email, role: 'viewer', mustChangePassword: true, isActive: true })
    expect(res.body.passwordHash).toBeUndefined()
    const dup = await admin.post('/api/v1/users', {
      email: email.toUpperCase(),
      name: 'Doublon',
      role: 'viewer',
      password: STRONG_PASSWORD,
    })
    expect(dup.status).toBe(409)
  })

  test('an admin-set password follows the same rules', async () => {
    const admin = await as('admin')
    const email = freshEmail('weak')
    const res = await admin.post('/api/v1/users', { email, name: 'Faible', role: 'sales', password: 'court' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('password')
  })

  test('a role change takes effect at once and is audited', async () => {
    const user = await readyUser('viewer')
    expect((await user.client.post('/api/v1/organisations', { name: 'Avant', type: 'INVESTISSEUR' })).status).toBe(403)
    const admin = await as('admin')
    const changed = await admin.patch(`/api/v1/users/${user.id}`, { role: 'sales' })
    expect(changed.status).toBe(200)
    expect(changed.body.role).toBe('sales')
    const me = await user.client.get('/api/v1/auth/me')
    expect(me.body.permissions).toContain('organisations:create')
    const log = await admin.get(`/api/v1/audit-log?action=user.role_changed&targetId=${user.id}`)
    expect(log.body.data[0]).toMatchObject({
      action: 'user.role_changed',
      details: { from: 'viewer', to: 'sales' },
      actorEmail: 'admin@demo.crm',
    })
  })

  test('a deactivated user is signed out everywhere and cannot sign in', async () => {
    const user = await readyUser()
    const admin = await as('admin')
    expect((await admin.patch(`/api/v1/users/${user.id}`, { isActive: false })).status).toBe(200)
    expect((await user.client.get('/api/v1/auth/me')).status).toBe(401)
    expect((await signIn(user.email, user.password)).res.status).toBe(401)
    expect((await admin.patch(`/api/v1/users/${user.id}`, { isActive: true })).status).toBe(200)
    expect((await signIn(user.email, user.password)).res.status).toBe(200)
  })

  test('an admin cannot deactivate or demote their own account', async () => {
    const admin = await as('admin')
    const me = (await admin.get('/api/v1/auth/me')).body
    expect((await admin.patch(`/api/v1/users/${me.id}`, { isActive: false })).status).toBe(409)
    expect((await admin.patch(`/api/v1/users/${me.id}`, { role: 'viewer' })).status).toBe(409)
  })

  test('a forced reset stops the old password, ends sessions and mails a link', async () => {
    const user = await readyUser()
    const admin = await as('admin')
    expect((await admin.post(`/api/v1/users/${user.id}/reset-password`)).status).toBe(202)
    expect((await user.client.get('/api/v1/auth/me')).status).toBe(401)
    expect((await signIn(user.email, user.password)).res.status).toBe(401)
    const token = linkToken((await latestMail(user.email))!.text)!
    expect(
      (
        await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
          token,
          password: `${STRONG_PASSWORD}-forced`,
        })
      ).status,
    ).toBe(204)
    expect((await signIn(user.email, `${STRONG_PASSWORD}-forced`)).res.status).toBe(200)
  })

  test('managers read the user list but cannot administer accounts', async () => {
    const manager = await as('manager')
    const list = await manager.get('/api/v1/users')
    expect(list.status).toBe(200)
    expect(list.body.data.some((u: { email: string }) => u.email === 'sales@demo.crm')).toBe(true)
    const target = list.body.data.find((u: { email: string }) => u.email === 'sales@demo.crm')
    expect((await manager.patch(`/api/v1/users/${target.id}`, { role: 'admin' })).status).toBe(403)
    expect((await manager.post(`/api/v1/users/${target.id}/unlock`)).status).toBe(403)
    expect((await manager.post('/api/v1/users', { email: freshEmail(), name: 'X', role: 'admin' })).status).toBe(403)
  })
})

describe('teams', () => {
  test('an admin creates, renames and deletes an empty team; a team with members cannot be deleted', async () => {
    const admin = await as('admin')
    const name = `Équipe Test ${Date.now()}`
    const created = await admin.post('/api/v1/teams', { name })
    expect(created.status).toBe(201)
    expect((await admin.post('/api/v1/teams', { name })).status).toBe(409)
    const renamed = await admin.patch(`/api/v1/teams/${created.body.id}`, { name: `${name} bis` })
    expect(renamed.body.name).toBe(`${name} bis`)

    const member = await createUser({ teamName: `${name} bis` })
    expect((await admin.delete(`/api/v1/teams/${created.body.id}`)).status).toBe(409)
    await admin.patch(`/api/v1/users/${member.id}`, { teamId: null })
    expect((await admin.delete(`/api/v1/teams/${created.body.id}`)).status).toBe(204)
    const log = await admin.get(`/api/v1/audit-log?action=team.&targetId=${created.body.id}`)
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'team.deleted',
      'team.renamed',
      'team.created',
    ])
  })

  test('a sales user reads teams but cannot create one', async () => {
    const sales = await as('sales')
    expect((await sales.get('/api/v1/teams')).status).toBe(200)
    expect((await sales.post('/api/v1/teams', { name: 'Pirate' })).status).toBe(403)
  })
})

describe('permission matrix', () => {
  test("an admin changes a role's permissions in the matrix; the change applies at once and is audited", async () => {
    const admin = await as('admin')
    const sales = await readyUser('sales')
    expect(
      (await sales.client.post('/api/v1/organisations', { name: `Matrice ${Date.now()}`, type: 'INVESTISSEUR' }))
        .status,
    ).toBe(201)
    try {
      const res = await admin.patch('/api/v1/roles/sales', {
        changes: [{ permission: 'organisations:create', allowed: false }],
      })
      expect(res.status).toBe(200)
      expect(res.body.permissions).not.toContain('organisations:create')
      expect(res.body.overrides).toEqual([{ permission: 'organisations:create', allowed: false }])
      expect((await sales.client.post('/api/v1/organisations', { name: 'Refusée', type: 'INVESTISSEUR' })).status).toBe(
        403,
      )
      const matrix = await admin.get('/api/v1/roles')
      expect(matrix.body.roles.find((r: { role: string }) => r.role === 'sales').permissions).not.toContain(
        'organisations:create',
      )
    } finally {
      await admin.patch('/api/v1/roles/sales', { changes: [{ permission: 'organisations:create', allowed: true }] })
    }
    const restored = await admin.get('/api/v1/roles')
    expect(restored.body.roles.find((r: { role: string }) => r.role === 'sales').overrides).toEqual([])
    const log = await admin.get('/api/v1/audit-log?action=role.permissions_changed&targetId=sales&limit=2')
    expect(log.body.data).toHaveLength(2)
  })

  test('a viewer can never be given a write permission, and the admin keeps the power to manage roles', async () => {
    const admin = await as('admin')
    const viewer = await admin.patch('/api/v1/roles/viewer', {
      changes: [{ permission: 'organisations:update', allowed: true }],
    })
    expect(viewer.status).toBe(400)
    const self = await admin.patch('/api/v1/roles/admin', { changes: [{ permission: 'roles:manage', allowed: false }] })
    expect(self.status).toBe(400)
    const unknown = await admin.patch('/api/v1/roles/manager', {
      changes: [{ permission: 'rockets:launch', allowed: true }],
    })
    expect(unknown.status).toBe(400)
  })

  test('only admins change the matrix', async () => {
    const manager = await as('manager')
    expect(
      (await manager.patch('/api/v1/roles/manager', { changes: [{ permission: 'users:manage', allowed: true }] }))
        .status,
    ).toBe(403)
  })
})

describe('user directory', () => {
  test('colleagues are listed for pickers, but lockout state and sign-in history only for user admins', async () => {
    const sales = await as('sales')
    const admin = await as('admin')
    const seenBySales = (await sales.get('/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'viewer@demo.crm',
    )
    expect(seenBySales.name).toBeTruthy()
    expect(seenBySales).not.toHaveProperty('failedLoginCount')
    expect(seenBySales).not.toHaveProperty('lockedUntil')
    const seenByAdmin = (await admin.get('/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'viewer@demo.crm',
    )
    expect(seenByAdmin).toHaveProperty('failedLoginCount')
  })
})
