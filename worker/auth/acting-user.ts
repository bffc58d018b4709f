// Work done after its request (an import's run, an export's build) acts as its user would now:
// the account still active, its current role (capped by the role recorded at request time where
// there is one), and the matrix with the admins' overrides of that role.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { Role } from '../db/enums.ts'
import { rolePermissions, users } from '../db/schema.ts'
import { effectivePermissions, lowerRole } from '../permissions/matrix.ts'
import type { AuthUser } from './auth-user.ts'
import { authColumns, toAuthUser } from './session.service.ts'

export async function actingUser(db: Db, userId: string, roleCeiling?: Role): Promise<AuthUser | null> {
  const [u] = await db
    .select(authColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)))
  if (!u) return null
  const role = roleCeiling ? lowerRole(u.role, roleCeiling) : u.role
  const overrides = await db
    .select({ permission: rolePermissions.permission, allowed: rolePermissions.allowed })
    .from(rolePermissions)
    .where(eq(rolePermissions.role, role))
  // No password change pending here: nobody is there to make it, and the request was allowed.
  return toAuthUser(u, role, effectivePermissions(role, overrides), { mustChangePassword: false })
}
