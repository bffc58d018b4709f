// The permission matrix: read it, change cells of a role, restore a role's defaults (rules in
// roles.service.ts).
import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { audited } from '../audit/audit.ts'
import { Changes, Matrix, RoleMatrix, RoleParam } from './roles.schema.ts'
import { changeRolePermissions, permissionMatrix, resetRolePermissions, roleMatrix } from './roles.service.ts'

const tags = ['Roles']

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
    async (c) => c.json(await permissionMatrix(c.get('db')), 200),
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
      await audited(c, async (tx, audit) => {
        await changeRolePermissions(tx, role, changes)
        await audit('role.permissions_changed', { targetType: 'role', targetId: role, details: { changes } })
      })
      return c.json(await roleMatrix(c.get('db'), role), 200)
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
      await audited(c, async (tx, audit) => {
        const removed = await resetRolePermissions(tx, role)
        await audit('role.permissions_reset', { targetType: 'role', targetId: role, details: { removed } })
      })
      return c.json(await roleMatrix(c.get('db'), role), 200)
    },
  )
}
