import { describe, expect, test } from 'vitest'
import { ApiClient, as, randomIp } from '../setup/api-client.ts'
import { createUser, latestMail, linkToken, readyUser, signIn, STRONG_PASSWORD } from './auth-helpers.ts'
import { afterFailedAttempt, isLocked, LOCK_DURATION_MS } from '../../worker/auth/lockout.ts'
import { resetState, RESET_TTL_MS } from '../../worker/auth/password-reset.service.ts'
import { passwordProblems } from '../../worker/auth/password-policy.ts'
import { PBKDF2_ITERATIONS } from '../../worker/auth/crypto.ts'

describe('sign-in and session cookie', () => {
  test('signing in sets an HttpOnly, SameSite=Lax session cookie, not Secure on localhost', async () => {
    const user = await createUser()
    const { res } = await signIn(user.email, user.password)
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^crm_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
  })

  test('passwords are hashed with PBKDF2-SHA256 at 100,000 iterations, the Workers maximum', () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000)
  })

  test('a wrong password and an unknown email get the same answer', async () => {
    const user = await createUser()
    const wrong = await new ApiClient().post('/api/v1/auth/login', { email: user.email, password: 'not-the-password' })
    const unknown = await new ApiClient().post('/api/v1/auth/login', {
      email: `nobody-${Date.now()}@test.crm`,
      password: 'not-the-password',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(unknown.body.detail).toBe(wrong.body.detail)
  })
})

describe('lockout', () => {
  test(
    'five failed sign-ins lock the account even for the ' + 'right password, and an admin unlocks it at once',
    async () => {
      const user = await createUser()
      // Five failures from one address (the sign-in rate limit allows exactly five a minute).
      const attacker = randomIp()
      for (let i = 0; i < 5; i++) {
        const res = await new ApiClient(undefined, attacker).post('/api/v1/auth/login', {
          email: user.email,
          password: `wrong-${i}`,
        })
        expect(res.status).toBe(401)
      }
      const locked = await signIn(user.email, user.password)
      expect(locked.res.status).toBe(401)
      expect(locked.res.body.detail).toContain('verrouillé')

      const admin = await as('admin')
      const listed = await admin.get(`/api/v1/users/${user.id}`)
      expect(listed.body.lockedUntil).not.toBeNull()
      expect(new Date(listed.body.lockedUntil).getTime() - Date.now()).toBeGreaterThan(14 * 60_000)

      expect((await admin.post(`/api/v1/users/${user.id}/unlock`)).status).toBe(204)
      const after = await signIn(user.email, user.password)
      expect(after.res.status).toBe(200)

      const log = await admin.get(`/api/v1/audit-log?targetId=${user.id}&limit=50`)
      const actions = log.body.data.map((e: { action: string }) => e.action)
      expect(actions).toEqual(
        expect.arrayContaining([
          'auth.login_failed',
          'auth.locked',
          'auth.login_locked',
          'user.unlocked',
          'auth.login',
        ]),
      )
      const lockEntry = log.body.data.find((e: { action: string }) => e.action === 'auth.locked')
      expect(lockEntry.ip).toBe(attacker)
    },
  )

  test('the lock lasts 15 minutes and the count restarts after it', () => {
    const now = new Date('2026-03-01T10:00:00Z')
    let state = { failedLoginCount: 0, lockedUntil: null as Date | null }
    for (let i = 0; i < 4; i++) state = afterFailedAttempt(state, now)
    expect(isLocked(state, now)).toBe(false)
    const fifth = afterFailedAttempt(state, now)
    expect(fifth.locked).toBe(true)
    expect(fifth.lockedUntil!.getTime() - now.getTime()).toBe(LOCK_DURATION_MS)
    expect(LOCK_DURATION_MS).toBe(15 * 60_000)
    expect(isLocked(fifth, new Date(now.getTime() + 14 * 60_000))).toBe(true)
    expect(isLocked(fifth, new Date(now.getTime() + 15 * 60_000 + 1))).toBe(false)
    expect(fifth.failedLoginCount).toBe(0)
  })
})

describe('sessions', () => {
  test('signing out revokes the session on the server, not only the cookie', async () => {
    const user = await readyUser()
    const { client } = await signIn(user.email, user.password)
    const stolen = new ApiClient()
    stolen.cookie = client.cookie
    expect((await stolen.get('/api/v1/auth/me')).status).toBe(200)
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204)
    expect((await stolen.get('/api/v1/auth/me')).status).toBe(401)
  })

  test('a user sees their active sessions with device and last seen, and revokes one', async () => {
    const user = await readyUser()
    const laptop = await signIn(user.email, user.password, {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
    })
    const phone = await signIn(user.email, user.password, {
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
        'Version/18.0 Mobile/15E148 Safari/604.1',
    })
    const list = await laptop.client.get('/api/v1/auth/sessions')
    expect(list.status).toBe(200)
    const devices = list.body.data.map((s: { device: string }) => s.device)
    expect(devices).toEqual(expect.arrayContaining(['Chrome sur Windows', 'Safari sur iOS']))
    const current = list.body.data.filter((s: { current: boolean }) => s.current)
    expect(current).toHaveLength(1)
    expect(current[0].device).toBe('Chrome sur Windows')
    expect(current[0].lastSeenAt).toMatch(/^\d{4}-/)

    const phoneSession = list.body.data.find((s: { device: string }) => s.device === 'Safari sur iOS')
    expect((await laptop.client.delete(`/api/v1/auth/sessions/${phoneSession.id}`)).status).toBe(204)
    expect((await phone.client.get('/api/v1/auth/me')).status).toBe(401)
    expect((await laptop.client.get('/api/v1/auth/me')).status).toBe(200)
  })

  test("a user cannot revoke someone else's session", async () => {
    const a = await readyUser()
    const b = await readyUser()
    const sessionOfB = (await b.client.get('/api/v1/auth/sessions')).body.data[0].id
    expect((await a.client.delete(`/api/v1/auth/sessions/${sessionOfB}`)).status).toBe(404)
    expect((await b.client.get('/api/v1/auth/me')).status).toBe(200)
  })

  test('signing out everywhere revokes every session of the user', async () => {
    const user = await readyUser()
    const one = await signIn(user.email, user.password)
    const two = await signIn(user.email, user.password)
    const res = await one.client.post('/api/v1/auth/logout-all')
    expect(res.status).toBe(200)
    expect(res.body.revoked).toBeGreaterThanOrEqual(3)
    for (const c of [one.client, two.client, user.client]) expect((await c.get('/api/v1/auth/me')).status).toBe(401)
  })
})

describe('passwords', () => {
  test('the first sign-in with a password set by an admin forces a password change', async () => {
    const user = await createUser()
    const { client, res } = await signIn(user.email, user.password)
    expect(res.body.mustChangePassword).toBe(true)
    const blocked = await client.get('/api/v1/organisations')
    expect(blocked.status).toBe(403)
    expect(blocked.body.type).toBe('/problems/password-change-required')
    expect(blocked.body.detail).toContain('mot de passe')
    expect((await client.get('/api/v1/auth/me')).status).toBe(200)

    const changed = await client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: `${STRONG_PASSWORD}-new`,
    })
    expect(changed.status).toBe(204)
    expect((await client.get('/api/v1/auth/me')).body.mustChangePassword).toBe(false)
    expect((await client.get('/api/v1/organisations')).status).toBe(200)
  })

  test('changing a password needs the current one and follows the rules, checked on the server', async () => {
    const user = await readyUser()
    const other = await signIn(user.email, user.password)
    const wrongCurrent = await user.client.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: `${STRONG_PASSWORD}-x`,
    })
    expect(wrongCurrent.status).toBe(400)
    expect(wrongCurrent.body.errors[0].path).toBe('currentPassword')
    const short = await user.client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'court-11car',
    })
    expect(short.status).toBe(400)
    expect(short.body.errors[0]).toMatchObject({ path: 'newPassword' })
    const email = await user.client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: user.email.toUpperCase(),
    })
    expect(email.status).toBe(400)
    expect(email.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain('adresse e-mail')

    const ok = await user.client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: `${STRONG_PASSWORD}-2`,
    })
    expect(ok.status).toBe(204)
    // The session that changed it stays; the others end.
    expect((await user.client.get('/api/v1/auth/me')).status).toBe(200)
    expect((await other.client.get('/api/v1/auth/me')).status).toBe(401)
  })

  test('the password rules: at least 12 characters and not the email', () => {
    expect(passwordProblems('onze-car-11', 'a@b.fr')).toHaveLength(1)
    expect(passwordProblems('douze-car-12', 'a@b.fr')).toHaveLength(0)
    expect(passwordProblems('jean.dupont@exemple.fr', 'Jean.Dupont@exemple.fr')).toHaveLength(1)
    expect(passwordProblems('jean.dupont.', 'jean.dupont.@exemple.fr')).toHaveLength(1)
  })
})

describe('forgotten password', () => {
  test('a reset link arrives in the development mailbox, works once, unlocks and ends every session', async () => {
    const user = await readyUser()
    const unknown = await new ApiClient().post('/api/v1/auth/password-reset', {
      email: `nobody-${Date.now()}@test.crm`,
    })
    const known = await new ApiClient().post('/api/v1/auth/password-reset', { email: user.email })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(unknown.body.detail).toBe(known.body.detail)

    const mail = await latestMail(user.email)
    expect(mail?.subject).toContain('Réinitialisation')
    expect(mail?.text).toContain('24 heures')
    const token = linkToken(mail!.text)!
    expect(token).toBeTruthy()

    // A password breaking the rules does not burn the link.
    const weak = await new ApiClient().post('/api/v1/auth/password-reset/confirm', { token, password: 'court' })
    expect(weak.status).toBe(400)
    const done = await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
      token,
      password: `${STRONG_PASSWORD}-reset`,
    })
    expect(done.status).toBe(204)
    const again = await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
      token,
      password: `${STRONG_PASSWORD}-again`,
    })
    expect(again.status).toBe(400)
    expect(again.body.detail).toContain('déjà servi')

    expect((await user.client.get('/api/v1/auth/me')).status).toBe(401)
    expect((await signIn(user.email, user.password)).res.status).toBe(401)
    expect((await signIn(user.email, `${STRONG_PASSWORD}-reset`)).res.status).toBe(200)
  })

  test('a newer link cancels the older one', async () => {
    const user = await readyUser()
    await new ApiClient().post('/api/v1/auth/password-reset', { email: user.email })
    const first = linkToken((await latestMail(user.email))!.text)!
    await new ApiClient().post('/api/v1/auth/password-reset', { email: user.email })
    const second = linkToken((await latestMail(user.email, { not: first }))!.text)!
    expect(second).not.toBe(first)
    expect(
      (
        await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
          token: first,
          password: `${STRONG_PASSWORD}-1`,
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
          token: second,
          password: `${STRONG_PASSWORD}-2`,
        })
      ).status,
    ).toBe(204)
  })

  test('a reset link is valid 24 hours, then expires', () => {
    const created = new Date('2026-03-01T10:00:00Z')
    const row = { usedAt: null, expiresAt: new Date(created.getTime() + RESET_TTL_MS) }
    expect(RESET_TTL_MS).toBe(24 * 3600_000)
    expect(resetState(row, new Date(created.getTime() + RESET_TTL_MS - 60_000))).toBe('valid')
    expect(resetState(row, new Date(created.getTime() + RESET_TTL_MS))).toBe('expired')
    expect(resetState({ ...row, usedAt: created }, created)).toBe('used')
    expect(resetState(undefined)).toBe('unknown')
  })

  test('an unknown reset token is refused', async () => {
    const res = await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: `${STRONG_PASSWORD}-z`,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('token')
  })

  test('an invited user chooses their password through the emailed link', async () => {
    const user = await createUser({ password: null })
    const mail = await latestMail(user.email)
    expect(mail?.subject).toBe('Votre accès au CRM')
    const token = linkToken(mail!.text)!
    expect(
      (
        await new ApiClient().post('/api/v1/auth/password-reset/confirm', {
          token,
          password: `${STRONG_PASSWORD}-invite`,
        })
      ).status,
    ).toBe(204)
    const { res } = await signIn(user.email, `${STRONG_PASSWORD}-invite`)
    expect(res.status).toBe(200)
    expect(res.body.mustChangePassword).toBe(false)
  })
})
