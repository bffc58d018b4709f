// Bulk actions on a selection: each organisation goes through the same service call as a single
// change (scope, history, events, automations), in its own transaction, and a failure on one
// is reported without stopping the others.
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { HttpProblem, forbidden } from '../http/problem.ts'
import { deleteOrganisation, updateOrganisation } from './organisation.service.ts'
import type { OrganisationBulk } from './organisation.schema.ts'

export async function bulkOrganisations(db: Db, user: AuthUser, input: OrganisationBulk) {
  if (input.action === 'delete' && !user.permissions.has('organisations:delete')) throw forbidden()
  const succeeded: string[] = []
  const failed: { id: string; status: number; detail: string }[] = []
  for (const id of new Set(input.ids)) {
    try {
      await applyOne(db, user, id, input)
      succeeded.push(id)
    } catch (error) {
      if (!(error instanceof HttpProblem)) {
        failed.push({ id, status: 500, detail: 'Erreur inattendue : réessayez pour cette organisation.' })
        continue
      }
      const p = error.problem
      failed.push({ id, status: p.status, detail: p.errors?.[0]?.message ?? p.detail ?? p.title })
    }
  }
  return { succeeded, failed }
}

function applyOne(db: Db, user: AuthUser, id: string, input: OrganisationBulk) {
  switch (input.action) {
    case 'stage':
      return updateOrganisation(db, user, id, { pipelineStage: input.value })
    case 'category':
      return updateOrganisation(db, user, id, { category: input.value })
    case 'owner':
      return updateOrganisation(db, user, id, { ownerId: input.value })
    case 'delete':
      return deleteOrganisation(db, user, id)
  }
}
