// The entities whose CSV Postgres writes (csv-sql.ts): each one's cells in LAYOUTS' column order,
// read through the list's own filters, scope and keyset order, or the checked rows within the
// scope. Entities absent here (their lists have no filter function to share yet) go through their
// list service and csv.ts.
import { and, inArray, sql } from 'drizzle-orm'
import { labels } from '../../app/i18n/fr.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisations as o, users } from '../db/schema.ts'
import { organisationFilters, organisationOrder } from '../organisations/organisation.service.ts'
import type { OrganisationListQuery } from '../organisations/organisation.schema.ts'
import { NO, YES } from './export-columns.ts'
import { labelSql, type CsvSource } from './csv-sql.ts'
import type { ExportEntity } from './export.schema.ts'

type SourceOf = (user: AuthUser, filters: Record<string, unknown>, ids?: string[]) => CsvSource

export const CSV_SOURCES: Partial<Record<ExportEntity, SourceOf>> = {
  organisations: (user, filters, ids) => {
    const q = filters as Partial<OrganisationListQuery>
    const { column, descending } = organisationOrder(q.sort ?? 'name')
    return {
      from: sql`${o} left join ${users} on ${users.id} = ${o.ownerId}`,
      // Checked rows: only the scope applies (as the detail reads did), not the list's filters.
      where: ids?.length ? and(organisationFilters(user, {}), inArray(o.id, ids)) : organisationFilters(user, q),
      key: column,
      id: sql`${o.id}`,
      descending,
      cells: [
        sql`${o.name}`,
        labelSql(labels.type, sql`${o.type}`),
        labelSql(labels.category, sql`${o.category}`),
        labelSql(labels.stage, sql`${o.pipelineStage}`),
        sql`${o.amount}`,
        sql`${o.city}`,
        sql`${o.country}`,
        sql`${o.email}`,
        sql`${o.phone}`,
        sql`${users.name}`,
        { own: sql`case when ${o.isActive} then ${YES} else ${NO} end` },
        sql`${o.lastContactAt}`,
        sql`${o.createdAt}`,
      ],
    }
  },
}
