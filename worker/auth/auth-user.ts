import type { Role } from '../db/enums.ts'
import type { Permission } from '../permissions/matrix.ts'

// Who is calling: a signed-in user (session) or an integration (API token, role capped).
export type AuthUser = {
  id: string
  email: string
  name: string
  role: Role
  teamId: string | null
  mustChangePassword: boolean
  permissions: ReadonlySet<Permission>
  via: 'session' | 'token'
  sessionId?: string
  tokenId?: string
}
