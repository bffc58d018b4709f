// The UI hides what the user may not do; the API refuses it regardless (authorize middleware).
// Permissions come from GET /api/v1/auth/me, already resolved with the admin's matrix changes.
// In components, useCan() (lib/use-me.ts) gives the same answer from the layout's data.
type WithPermissions = { permissions: readonly string[] } | null | undefined

export const can = (me: WithPermissions, permission: string) => !!me?.permissions.includes(permission)

// The permissions that open the administration screens, each with its tab.
export const ADMIN_SECTIONS = [
  { to: '/admin/users', permission: 'users:manage', key: 'admin.tab.users' },
  { to: '/admin/teams', permission: 'teams:update', key: 'admin.tab.teams' },
  { to: '/admin/roles', permission: 'roles:manage', key: 'admin.tab.roles' },
  { to: '/admin/tokens', permission: 'users:manage', key: 'admin.tab.tokens' },
  { to: '/admin/webhooks', permission: 'webhooks:manage', key: 'admin.tab.webhooks' },
  { to: '/admin/audit', permission: 'audit:read', key: 'admin.tab.audit' },
] as const

export const canAdminister = (me: WithPermissions) => ADMIN_SECTIONS.some((s) => can(me, s.permission))
