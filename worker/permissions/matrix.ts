// The permission matrix: resources × actions, with each role's defaults. Admins may override a
// role's cell in the UI (table role_permissions); this file is the only place defaults live.
import { ROLES, type Role } from '../db/enums.ts'

export const RESOURCES = [
  'organisations',
  'people',
  'products',
  'mandates',
  'interactions',
  'tasks',
  'documents',
  'users',
  'teams',
  'roles',
  'webhooks',
  'settings',
  'reports',
  'audit',
] as const
export const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import', 'manage'] as const

export type Resource = (typeof RESOURCES)[number]
export type Action = (typeof ACTIONS)[number]
export type Permission = `${Resource}:${Action}`

export const ALL_PERMISSIONS: Permission[] = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as Permission))

const RECORDS: Resource[] = ['organisations', 'people', 'mandates', 'interactions', 'tasks', 'documents']
const grant = (resources: Resource[], actions: Action[]) =>
  resources.flatMap((r) => actions.map((a) => `${r}:${a}` as Permission))

export const DEFAULT_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(ALL_PERMISSIONS),
  manager: new Set([
    ...grant(RECORDS, ['read', 'create', 'update', 'delete', 'export', 'import']),
    ...grant(['products'], ['read', 'create', 'update', 'export']),
    ...grant(['reports'], ['read', 'export']),
    ...grant(['users', 'teams', 'settings'], ['read']),
  ]),
  sales: new Set([
    ...grant(RECORDS, ['read', 'create', 'update', 'export']),
    ...grant(['interactions', 'tasks'], ['delete']),
    ...grant(['products', 'reports', 'users', 'teams'], ['read']),
  ]),
  viewer: new Set(grant([...RECORDS, 'products', 'reports', 'users', 'teams'], ['read'])),
}

// Admin keeps its power over roles whatever the overrides say, so nobody locks everyone out.
export const LOCKED: ReadonlySet<string> = new Set(['admin:roles:manage', 'admin:users:manage'])

export function effectivePermissions(role: Role, overrides: { permission: string; allowed: boolean }[]) {
  const set = new Set(DEFAULT_PERMISSIONS[role])
  for (const o of overrides) {
    if (LOCKED.has(`${role}:${o.permission}`)) continue
    if (o.allowed) set.add(o.permission as Permission)
    else set.delete(o.permission as Permission)
  }
  // A viewer writes nothing, whatever the matrix says.
  if (role === 'viewer') for (const p of set) if (!p.endsWith(':read')) set.delete(p)
  return set
}

export const ROLE_RANK: Record<Role, number> = { viewer: 0, sales: 1, manager: 2, admin: 3 }
export const lowerRole = (a: Role, b: Role): Role => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b)
export { ROLES }
