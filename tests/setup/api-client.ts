// A small API client for tests: real HTTP against the running Worker, one cookie jar per user.
import { inject } from 'vitest'

export const baseURL = () => inject('baseURL')
export const DEMO_PASSWORD = 'Demo-Password-2026'
export type DemoUser = 'admin' | 'manager' | 'sales' | 'viewer' | 'sales2' | 'manager2'

// A fresh client IP per request (Cloudflare's cf-connecting-ip, which miniflare keeps when sent):
// rate limits are keyed on it in test runs (worker/middleware/rate-limit.ts), so the suite never
// trips them by accident. A client built with a fixed `ip` pins it, to trip a limit on purpose.
export const randomIp = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`

export class ApiClient {
  cookie = ''
  constructor(
    readonly bearer?: string,
    readonly ip?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(new URL(path, baseURL()), {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        origin: baseURL(),
        'cf-connecting-ip': this.ip ?? randomIp(),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]!
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    return { status: res.status, headers: res.headers, body: json }
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers)
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body ?? {}, headers)
  patch = (path: string, body: unknown) => this.request('PATCH', path, body)
  put = (path: string, body: unknown) => this.request('PUT', path, body)
  delete = (path: string) => this.request('DELETE', path)
}

const sessions = new Map<string, ApiClient>()

// Signs in once per demo user and per test file (the sign-in rate limit stays far away).
export async function as(user: DemoUser): Promise<ApiClient> {
  const existing = sessions.get(user)
  if (existing) return existing
  const client = new ApiClient()
  const res = await client.post('/api/v1/auth/login', { email: `${user}@demo.crm`, password: DEMO_PASSWORD })
  if (res.status !== 200) throw new Error(`sign-in of ${user} failed: ${res.status} ${JSON.stringify(res.body)}`)
  sessions.set(user, client)
  return client
}

export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  { timeout = 15_000, every = 200 } = {},
): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, every))
  }
}
