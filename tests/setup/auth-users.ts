// The demo users as the services receive them (AuthUser, the role's permissions), for tests that
// call services on a database of their own instead of going through the API.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../worker/db/client.ts'
import { users } from '../../worker/db/schema.ts'
import { authColumns, toAuthUser } from '../../worker/auth/session.service.ts'
import { effectivePermissions } from '../../worker/permissions/matrix.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'

export async function authUsers(db: Db): Promise<AuthUser[]> {
  const rows = await db.select(authColumns).from(users).orderBy(asc(users.email))
  return rows.map((u) => toAuthUser(u, u.role, effectivePermissions(u.role, []), {}))
}

export async function authUser(db: Db, email: string): Promise<AuthUser> {
  const [u] = await db.select(authColumns).from(users).where(eq(users.email, email))
  if (!u) throw new Error(`no user ${email}`)
  return toAuthUser(u, u.role, effectivePermissions(u.role, []), {})
}
