// Bulk actions on a selection: each organisation goes through the same service call as a single
// change (scope, history, events, automations), in its own transaction, and a failure on one
// is reported without stopping the others. A filter is resolved to ids first, through the list's
// own conditions (organisationFilters: deleted rows and the caller's scope included), so "every
// matching organisation" is exactly what the list would page through.
import { asc, count } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { organisations } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { HttpProblem, forbidden, problem } from '../http/problem.ts'
import { deleteOrganisation, organisationFilters, updateOrganisation } from './organisation.service.ts'
import { BULK_FILTER_MAX, type OrganisationBulk, type OrganisationFilter } from './organisation.schema.ts'

export const BULK_TOO_MANY = '/problems/bulk-too-many'

export async function countOrganisations(db: Db, user: AuthUser, filter: OrganisationFilter) {
  const [row] = await db.select({ n: count() }).from(organisations).where(organisationFilters(user, filter))
  return { count: row?.n ?? 0, bulkMax: BULK_FILTER_MAX }
}

async function idsMatching(db: Db, user: AuthUser, filter: OrganisationFilter) {
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(organisationFilters(user, filter))
    .orderBy(asc(organisations.id))
    .limit(BULK_FILTER_MAX + 1)
  if (rows.length > BULK_FILTER_MAX) {
    const { count: matched } = await countOrganisations(db, user, filter)
    throw new HttpProblem(
      problem(
        422,
        `Ce filtre correspond à ${matched} organisations ; ` +
          `une action groupée en traite ${BULK_FILTER_MAX} au plus. Affinez les filtres.`,
        { type: BULK_TOO_MANY, title: 'Too many organisations for one bulk action', matched, max: BULK_FILTER_MAX },
      ),
    )
  }
  return rows.map((r) => r.id)
}

export async function bulkOrganisations(db: Db, user: AuthUser, input: OrganisationBulk) {
  if (input.action === 'delete' && !user.permissions.has('organisations:delete')) throw forbidden()
  const ids = input.filter ? await idsMatching(db, user, input.filter) : (input.ids ?? [])
  const succeeded: string[] = []
  const failed: { id: string; status: number; detail: string }[] = []
  for (const id of new Set(ids)) {
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
