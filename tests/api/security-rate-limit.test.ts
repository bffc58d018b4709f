import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ApiClient, as, baseURL, randomIp } from '../setup/api-client.ts'

// Miniflare's limiter counts in wall-clock windows of 60 s: start a burst early in a window so
// it cannot straddle two of them.
async function startOfWindow(needSeconds: number) {
  const left = 60 - ((Date.now() / 1000) % 60)
  if (left < needSeconds) await new Promise((r) => setTimeout(r, left * 1000 + 250))
}

// Whether the notification socket opens (true) or its handshake is refused (false).
function socketOpens(cookie: string, ip: string) {
  const ws = new WebSocket(`${baseURL().replace('http', 'ws')}/api/v1/notifications/ws`, {
    headers: { cookie, origin: baseURL(), 'cf-connecting-ip': ip },
  } as never)
  return new Promise<boolean>((resolve) => {
    ws.addEventListener('open', () => (resolve(true), ws.close()))
    ws.addEventListener('error', () => resolve(false))
  })
}

describe('rate limits', () => {
  test('wrangler.toml sets sign-in to 5 a minute and the API to 100 a minute', () => {
    const toml = readFileSync('wrangler.toml', 'utf8')
    const limit = (name: string) =>
      toml
        .match(new RegExp(`name = "${name}"[\\s\\S]*?simple = \\{ limit = (\\d+), period = (\\d+) \\}`))
        ?.slice(1)
        .map(Number)
    expect(limit('LOGIN_LIMITER')).toEqual([5, 60])
    expect(limit('API_LIMITER')).toEqual([100, 60])
  })

  test('sign-in allows 5 attempts a minute per IP and email, then answers 429 with Retry-After', {
    timeout: 90_000,
  }, async () => {
    const ip = randomIp()
    const email = `nobody-${Date.now()}@test.crm`
    await startOfWindow(20)
    for (let i = 0; i < 5; i++) {
      expect((await new ApiClient(undefined, ip).post('/api/v1/auth/login', { email, password: 'x' })).status).toBe(401)
    }
    const limited = await new ApiClient(undefined, ip).post('/api/v1/auth/login', { email, password: 'x' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(limited.headers.get('content-type')).toContain('application/problem+json')
    // Another address, or another email from this address, is not held back.
    expect(
      (await new ApiClient(undefined, randomIp()).post('/api/v1/auth/login', { email, password: 'x' })).status,
    ).toBe(401)
    expect(
      (await new ApiClient(undefined, ip).post('/api/v1/auth/login', { email: `other-${email}`, password: 'x' }))
        .status,
    ).toBe(401)
  })

  test('the API allows 100 requests a minute per caller, then answers 429 with Retry-After', {
    timeout: 120_000,
  }, async () => {
    const viewer = await as('viewer')
    // One pinned client address: in test runs the key is caller + IP (see rate-limit.ts).
    const caller = new ApiClient(undefined, randomIp())
    caller.cookie = viewer.cookie
    await startOfWindow(45)
    const statuses: number[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < 100) {
          next++
          statuses.push((await caller.get('/api/v1/auth/me')).status)
        }
      }),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(100)
    const limited = await caller.get('/api/v1/auth/me')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    // Another caller is not affected.
    expect((await (await as('manager')).get('/api/v1/auth/me')).status).toBe(200)
    // The web app's live socket is not API traffic: it still opens for this user and address.
    expect(await socketOpens(viewer.cookie, caller.ip!)).toBe(true)
  })

  test('pages of the web app do not spend the API quota of their user', { timeout: 120_000 }, async () => {
    const manager = await as('manager')
    const caller = new ApiClient(undefined, randomIp())
    caller.cookie = manager.cookie
    await startOfWindow(50)
    // 40 views of the list make 120 in-process API calls or more (layout: who am I and the
    // notifications; page: the list), past the 100 a minute an API caller is allowed.
    for (let i = 0; i < 40; i++) expect((await caller.get('/organisations')).status).toBe(200)
    expect((await caller.get('/api/v1/auth/me')).status).toBe(200)
  })
})
