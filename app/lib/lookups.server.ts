// Option lists for selects (owners, assignees). They degrade to "nothing to choose" when the
// caller may not list users: the API then applies its defaults (the caller).
import type { AppLoadContext } from 'react-router'

export type UserOption = { id: string; name: string }

type MeLite = { role: string; teamId: string | null; permissions: string[] }
// One /auth/me per request, whatever the number of loaders asking (each API call counts against
// the caller's rate limit).
const meOfRequest = new WeakMap<AppLoadContext, Promise<MeLite | null>>()
export function loadMe(context: AppLoadContext) {
  let me = meOfRequest.get(context)
  if (!me) {
    me = context.api('/api/v1/auth/me').then((r) => (r.ok ? (r.json() as Promise<MeLite>) : null))
    meOfRequest.set(context, me)
  }
  return me
}

export async function loadUsers(context: AppLoadContext): Promise<UserOption[]> {
  const [me, res] = await Promise.all([loadMe(context), context.api('/api/v1/users?active=true')])
  if (!res.ok || !me) return []
  const { data } = (await res.json()) as {
    data: { id: string; name: string; teamId: string | null; isActive: boolean }[]
  }
  // Records are owned and tasks assigned within the team (an admin may pick anyone).
  return data
    .filter((u) => u.isActive && (me.role === 'admin' || u.teamId === me.teamId))
    .map((u) => ({ id: u.id, name: u.name }))
}

// A list that may be empty or unavailable to this user: a side panel shows nothing rather than
// failing the whole page.
export async function tryList<T>(
  context: AppLoadContext,
  path: string,
): Promise<{ data: T[]; nextCursor: string | null; available: boolean }> {
  const res = await context.api(path)
  if (!res.ok) return { data: [], nextCursor: null, available: false }
  const body = (await res.json()) as { data: T[]; nextCursor?: string | null }
  return { data: body.data ?? [], nextCursor: body.nextCursor ?? null, available: true }
}
