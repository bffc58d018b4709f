// HTTP helpers of the API benchmark: sign-in, timed requests, Server-Timing parsing and a
// closed-loop load generator (C clients, each sending its next request when the last answered).
import { percentiles } from './stats.ts'

export const PASSWORD = 'Demo-Password-2026'

// Rate limits are keyed per client address in test mode (CRM_TEST): one address per request.
export const ip = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`

export async function signIn(base: string, user: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'cf-connecting-ip': ip() },
    body: JSON.stringify({ email: `${user}@demo.crm`, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${user}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

export type Timed = { ms: number; status: number; timing: Record<string, number>; db: string; body: unknown }

// Server-Timing: "query;dur=1.2, session;dur=0.8, db;desc=\"3 statements, 1 connections\"".
export function parseServerTiming(header: string | null) {
  const timing: Record<string, number> = {}
  let db = ''
  // Entries are comma-separated, and the db entry's description holds commas itself.
  for (const part of (header ?? '').split(/,\s*(?=[a-z-]+(?:;|$))/)) {
    const [name, ...params] = part.trim().split(';')
    const dur = params.find((p) => p.startsWith('dur='))
    if (dur) timing[name!] = Number(dur.slice(4))
    const desc = params.find((p) => p.startsWith('desc='))
    if (name === 'db' && desc) db = desc.slice(5).replace(/"/g, '')
  }
  return { timing, db }
}

export async function timedGet(base: string, path: string, cookie?: string, json = true): Promise<Timed> {
  const started = performance.now()
  const res = await fetch(base + path, {
    headers: { ...(cookie ? { cookie } : {}), 'cf-connecting-ip': ip() },
    redirect: 'manual',
  })
  const body = json && res.headers.get('content-type')?.includes('json') ? await res.json() : await res.arrayBuffer()
  const ms = performance.now() - started
  return { ms, status: res.status, body, ...parseServerTiming(res.headers.get('server-timing')) }
}

export const p95 = (values: number[]) => percentiles(values)[1]
export const p50 = (values: number[]) => percentiles(values)[0]

// C clients for `seconds`: requests per second and latency percentiles of the answered requests.
export async function closedLoop(clients: number, seconds: number, send: () => Promise<number>) {
  const latencies: number[] = []
  let errors = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const started = performance.now()
        const ok = await send().catch(() => 0)
        if (ok) latencies.push(performance.now() - started)
        else errors++
      }
    }),
  )
  return { rps: latencies.length / seconds, p50: p50(latencies), p95: p95(latencies), errors }
}
