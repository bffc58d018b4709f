// The permission matrix as admins see and edit it: defaults from code (permissions/matrix.ts),
// overrides in role_permissions. A cell set back to its default drops its override row.
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { rolePermissions } from '../db/schema.ts'
import { badRequest } from '../http/problem.ts'
import { audited } from '../audit/audit.ts'
import { ROLES, type Role } from '../db/enums.ts'
import type { Db } from '../db/client.ts'
import {
  ACTIONS,
  ALL_PERMISSIONS,
  DEFAULT_PERMISSIONS,
  LOCKED,
  RESOURCES,
  effectivePermissions,
  type Permission,
} from '../permissions/matrix.ts'

const tags = ['Roles']
const RoleParam = z.object({ role: z.enum(ROLES) })
const RoleMatrix = z.object({
  role: z.enum(ROLES),
  permissions: z.array(z.string()),
  defaults: z.array(z.string()),
  overrides: z.array(z.object({ permission: z.string(), allowed: z.boolean() })),
  locked: z.array(z.string()),
})
const Matrix = z.object({ resources: z.array(z.string()), actions: z.array(z.string()), roles: z.array(RoleMatrix) })
const Changes = z.object({
  changes: z
    .array(z.object({ permission: z.string().max(60), allowed: z.boolean() }))
    .min(1, 'Aucun changement.')
    .max(ALL_PERMISSIONS.length),
})

async function roleMatrix(db: Db, role: Role) {
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

export function registerRoleRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/roles',
      tags,
      access: 'roles:read',
      summary: 'The permission matrix: every role with its effective permissions',
      responses: { 200: jsonResponse(Matrix), ...problemResponses },
    }),
    async (c) => {
      const roles = await Promise.all(ROLES.map((r) => roleMatrix(c.get('db'), r)))
      return c.json({ resources: [...RESOURCES], actions: [...ACTIONS], roles }, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/roles/{role}',
      tags,
      access: 'roles:manage',
      summary: "Change cells of a role's permissions",
      request: { params: RoleParam, ...jsonBody(Changes) },
      responses: { 200: jsonResponse(RoleMatrix), ...problemResponses },
    }),
    async (c) => {
      const { role } = c.req.valid('param')
      const { changes } = c.req.valid('json')
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
      const db = c.get('db')
      await audited(c, async (tx, audit) => {
        for (const ch of changes) {
          const isDefault = DEFAULT_PERMISSIONS[role].has(ch.permission as Permission) === ch.allowed
          if (isDefault) {
            await tx
              .delete(rolePermissions)
              .where(and(eq(rolePermissions.role, role), eq(rolePermissions.permission, ch.permission)))
          } else {
            await tx
              .insert(rolePermissions)
              .values({ role, permission: ch.permission, allowed: ch.allowed })
              .onConflictDoUpdate({
                target: [rolePermissions.role, rolePermissions.permission],
                set: { allowed: ch.allowed, updatedAt: new Date() },
              })
          }
        }
        await audit('role.permissions_changed', { targetType: 'role', targetId: role, details: { changes } })
      })
      return c.json(await roleMatrix(db, role), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/roles/{role}/reset',
      tags,
      access: 'roles:manage',
      summary: "Restore a role's default permissions",
      request: { params: RoleParam },
      responses: { 200: jsonResponse(RoleMatrix), ...problemResponses },
    }),
    async (c) => {
      const { role } = c.req.valid('param')
      const db = c.get('db')
      await audited(c, async (tx, audit) => {
        const removed = await tx.delete(rolePermissions).where(eq(rolePermissions.role, role)).returning()
        await audit('role.permissions_reset', {
          targetType: 'role',
          targetId: role,
          details: { removed: removed.map((r) => ({ permission: r.permission, allowed: r.allowed })) },
        })
      })
      return c.json(await roleMatrix(db, role), 200)
    },
  )
}
