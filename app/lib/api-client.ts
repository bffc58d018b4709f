// Browser-side calls to the JSON API (same origin, session cookie) for interactions that do not
// navigate: kanban moves, stage menus, one-click task completion, pickers.
import type { Problem } from './api.server'

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; problem: Problem }

export async function api<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method: init.method ?? 'GET',
      headers:
        init.body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    })
    if (res.ok) return { ok: true, data: (res.status === 204 ? null : await res.json()) as T }
    const problem = (await res.json().catch(() => ({ title: res.statusText, status: res.status }))) as Problem
    return { ok: false, status: res.status, problem }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    return { ok: false, status: 0, problem: { type: 'about:blank', title: 'Network', status: 0 } }
  }
}

// The sentence to show in a toast when a call failed.
export function problemMessage(r: { status: number; problem: Problem }, fallback: string) {
  return r.problem.detail ?? r.problem.errors?.[0]?.message ?? fallback
}
