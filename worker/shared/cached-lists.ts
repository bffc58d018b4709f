import type { AuthUser } from '../auth/auth-user.ts'

// Which cached lists a write makes stale. A list shows names and scopes from other resources
// (a task shows its organisation's name; a sales user sees organisations through assigned
// tasks), so a write drops the lists of everything that displays or scopes by it.
export const STALE_AFTER_WRITE = {
  organisations: ['organisations', 'people', 'mandates', 'interactions', 'tasks', 'products', 'dashboard'],
  people: ['people', 'interactions', 'tasks'],
  products: ['products', 'mandates'],
  mandates: ['mandates', 'dashboard'],
  interactions: ['interactions', 'organisations', 'dashboard'],
  tasks: ['tasks', 'organisations', 'dashboard'],
} as const satisfies Record<string, readonly string[]>

// The cache key part that says whose view a list is: lists are cached per scope, not per user,
// except where a filter depends on the caller (mine=true).
export const scopeKey = (u: AuthUser) =>
  u.role === 'admin' ? 'all' : u.role === 'sales' ? `user:${u.id}` : `team:${u.teamId}`
