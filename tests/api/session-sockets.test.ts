// Every way a session ends closes its open notification sockets (code 4001), so a signed-out or
// revoked session stops receiving pushes (issue 10, finding 10); a socket of a session that lives
// on stays open. Real WebSockets against the running stack, one throwaway account per test.
import { describe, expect, test } from 'vitest'
import { type ApiClient, as, baseURL } from '../setup/api-client.ts'
import { latestMail, linkToken, readyUser, signIn } from './auth-helpers.ts'

const STILL_OPEN = -1

function openSocket(client: ApiClient) {
  const ws = new WebSocket(`${baseURL().replace('http', 'ws')}/api/v1/notifications/ws`, {
    headers: { cookie: client.cookie, origin: baseURL() },
  } as never)
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve())
    ws.addEventListener('error', () => reject(new Error('socket error')))
  })
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)))
  // The close code, or STILL_OPEN when the socket still answers a ping.
  const state = async () => {
    const pong = new Promise<number>((resolve) =>
      ws.addEventListener('message', (e) => String(e.data) === 'pong' && resolve(STILL_OPEN)),
    )
    if (ws.readyState === WebSocket.OPEN) ws.send('ping')
    return Promise.race([closed, pong, new Promise<number>((r) => setTimeout(() => r(0), 5_000))])
  }
  return { ws, opened, closed, state }
}

// A user signed in on two devices, each with a socket open.
async function twoDevices() {
  const user = await readyUser('sales')
  const other = (await signIn(user.email, user.password)).client
  const here = openSocket(user.client)
  const there = openSocket(other)
  await Promise.all([here.opened, there.opened])
  return { user, here, there, other }
}

describe('a session that ends closes its sockets', () => {
  test('signing out everywhere closes every socket of the user', async () => {
    const { user, here, there } = await twoDevices()
    expect((await user.client.post('/api/v1/auth/logout-all')).status).toBe(200)
    expect(await here.closed).toBe(4001)
    expect(await there.closed).toBe(4001)
  })

  test('revoking a session from the sessions list closes its socket only', async () => {
    const { user, here, there } = await twoDevices()
    const sessions = (await user.client.get('/api/v1/auth/sessions')).body.data as { id: string; current: boolean }[]
    const other = sessions.find((s) => !s.current)!
    expect((await user.client.delete(`/api/v1/auth/sessions/${other.id}`)).status).toBe(204)
    expect(await there.closed).toBe(4001)
    expect(await here.state()).toBe(STILL_OPEN)
    here.ws.close()
  })

  test('changing the password closes the other sessions’ sockets and keeps this one', async () => {
    const { user, here, there } = await twoDevices()
    const res = await user.client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: `${user.password}-2`,
    })
    expect(res.status).toBe(204)
    expect(await there.closed).toBe(4001)
    expect(await here.state()).toBe(STILL_OPEN)
    here.ws.close()
  })

  test('setting a new password with a reset link closes every socket', async () => {
    const { user, here, there } = await twoDevices()
    const before = await latestMail(user.email)
    expect((await user.client.post('/api/v1/auth/password-reset', { email: user.email })).status).toBe(202)
    const mail = await latestMail(user.email, { not: before ? linkToken(before.text) : undefined })
    const token = linkToken(mail!.text)!
    const anonymous = (await signIn('nobody@test.crm', 'x')).client
    const res = await anonymous.post('/api/v1/auth/password-reset/confirm', {
      token: decodeURIComponent(token),
      password: `${user.password}-reset`,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(204)
    expect(await here.closed).toBe(4001)
    expect(await there.closed).toBe(4001)
  })

  test('an admin forcing a reset or deactivating the account closes every socket', async () => {
    const admin = await as('admin')
    const forced = await twoDevices()
    expect((await admin.post(`/api/v1/users/${forced.user.id}/reset-password`)).status).toBe(202)
    expect(await forced.here.closed).toBe(4001)
    expect(await forced.there.closed).toBe(4001)

    const deactivated = await twoDevices()
    expect((await admin.patch(`/api/v1/users/${deactivated.user.id}`, { isActive: false })).status).toBe(200)
    expect(await deactivated.here.closed).toBe(4001)
    expect(await deactivated.there.closed).toBe(4001)
  })

  test('a lockout refuses new sign-ins but ends no session: its sockets stay open', async () => {
    // Five wrong passwords from anyone must not sign the owner out (that would hand every
    // stranger a way to disconnect any user); the lock stops new sign-ins only.
    const { user, here, there } = await twoDevices()
    for (let i = 0; i < 5; i++) await signIn(user.email, 'wrong-password-1234')
    expect((await signIn(user.email, user.password)).res.status).toBe(401)
    expect(await here.state()).toBe(STILL_OPEN)
    expect(await there.state()).toBe(STILL_OPEN)
    expect((await user.client.get('/api/v1/auth/me')).status).toBe(200)
    here.ws.close()
    there.ws.close()
  })
})
