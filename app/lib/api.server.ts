// Loaders and actions reach data only through the Hono API, in-process (no HTTP hop).
import { redirect, type AppLoadContext } from 'react-router'
import { PASSWORD_CHANGE_REQUIRED, type Problem } from '../../worker/http/problem'

export type { Problem }

export async function apiJson<T>(context: AppLoadContext, path: string, init: RequestInit = {}): Promise<T> {
  const res = await call(context, path, init)
  if (!res.ok) await throwProblem(res)
  return (res.status === 204 ? null : await res.json()) as T
}

// For actions: a validation problem comes back as data for the form instead of an error page.
export async function apiSubmit<T>(
  context: AppLoadContext,
  path: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true; data: T; headers: Headers } | { ok: false; problem: Problem }> {
  const res = await call(context, path, { method, body: body === undefined ? undefined : JSON.stringify(body) })
  if (res.ok) return { ok: true, data: (res.status === 204 ? null : await res.json()) as T, headers: res.headers }
  if (res.status === 401) throw redirect('/login')
  if (res.status >= 500) await throwProblem(res)
  return { ok: false, problem: (await res.json()) as Problem }
}

function call(context: AppLoadContext, path: string, init: RequestInit) {
  const headers = new Headers(init.headers)
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json')
  return context.api(path, { ...init, headers })
}

async function throwProblem(res: Response): Promise<never> {
  if (res.status === 401) throw redirect('/login')
  const p = (await res.json().catch(() => ({ title: res.statusText, status: res.status }))) as Problem
  if (p.type === PASSWORD_CHANGE_REQUIRED) throw redirect('/account/password')
  throw new Response(JSON.stringify(p), { status: res.status, headers: { 'content-type': 'application/json' } })
}
