// Permission matrix shapes: a role's cells as admins see them, and the cells a change sets.
import { z } from 'zod'
import { ROLES } from '../db/enums.ts'
import { ALL_PERMISSIONS } from '../permissions/matrix.ts'

export const RoleParam = z.object({ role: z.enum(ROLES) })
export const RoleMatrix = z.object({
  role: z.enum(ROLES),
  permissions: z.array(z.string()),
  defaults: z.array(z.string()),
  overrides: z.array(z.object({ permission: z.string(), allowed: z.boolean() })),
  locked: z.array(z.string()),
})
export const Matrix = z.object({
  resources: z.array(z.string()),
  actions: z.array(z.string()),
  roles: z.array(RoleMatrix),
})
export const Changes = z.object({
  changes: z
    .array(z.object({ permission: z.string().max(60), allowed: z.boolean() }))
    .min(1, 'Aucun changement.')
    .max(ALL_PERMISSIONS.length),
})
export type PermissionChange = z.infer<typeof Changes>['changes'][number]
