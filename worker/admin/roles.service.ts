// The permission matrix as admins see and edit it: defaults from code (permissions/matrix.ts),
// overrides in role_permissions. A cell set back to its default drops its override row.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { rolePermissions } from '../db/schema.ts'
import { badRequest } from '../http/problem.ts'
import { ROLES, type Role } from '../db/enums.ts'
import {
  ACTIONS,
  ALL_PERMISSIONS,
  DEFAULT_PERMISSIONS,
  LOCKED,
  RESOURCES,
  effectivePermissions,
  type Permission,
} from '../permissions/matrix.ts'
import type { PermissionChange } from './roles.schema.ts'

export async function roleMatrix(db: Db, role: Role) {
  const overrides = await db
    .select({ permission: rolePermissions.permission, allowed: rolePermissions.allowed })
    .from(rolePermissions)
    .where(eq(rolePermissions.role, role))
  return {
    role,
    permissions: [...effectivePermissions(role, overrides)].sort(),
    defaults: [...DEFAULT_PERMISSIONS[role]].sort(),
    overrides,
    locked: [...LOCKED].filter((l) => l.startsWith(`${role}:`)).map((l) => l.slice(role.length + 1)),
  }
}

export async function permissionMatrix(db: Db) {
  const roles = await Promise.all(ROLES.map((r) => roleMatrix(db, r)))
  return { resources: [...RESOURCES], actions: [...ACTIONS], roles }
}

// Every refused cell is reported at once, before anything is written.
function assertChangesAllowed(role: Role, changes: PermissionChange[]) {
  const errors = changes.flatMap((ch, i) => {
    const path = `changes.${i}.permission`
    if (!ALL_PERMISSIONS.includes(ch.permission as Permission))
      return [{ path, message: `Permission inconnue : ${ch.permission}.` }]
    if (LOCKED.has(`${role}:${ch.permission}`))
      return [{ path, message: 'Cette permission de l’administrateur ne peut pas être retirée.' }]
    if (role === 'viewer' && ch.allowed && !ch.permission.endsWith(':read'))
      return [{ path, message: 'Un lecteur ne peut recevoir que des droits de lecture.' }]
    return []
  })
  if (errors.length) throw badRequest('Certains changements sont impossibles.', errors)
}

export async function changeRolePermissions(db: Db, role: Role, changes: PermissionChange[]) {
  assertChangesAllowed(role, changes)
  for (const ch of changes) {
    const isDefault = DEFAULT_PERMISSIONS[role].has(ch.permission as Permission) === ch.allowed
    if (isDefault) {
      await db
        .delete(rolePermissions)
        .where(and(eq(rolePermissions.role, role), eq(rolePermissions.permission, ch.permission)))
    } else {
      await db
        .insert(rolePermissions)
        .values({ role, permission: ch.permission, allowed: ch.allowed })
        .onConflictDoUpdate({
          target: [rolePermissions.role, rolePermissions.permission],
          set: { allowed: ch.allowed, updatedAt: new Date() },
        })
    }
  }
}

// Returns the overrides it removed, for the audit entry.
export async function resetRolePermissions(db: Db, role: Role) {
  const removed = await db.delete(rolePermissions).where(eq(rolePermissions.role, role)).returning()
  return removed.map((r) => ({ permission: r.permission, allowed: r.allowed }))
}
