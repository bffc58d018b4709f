// Every entity's CSV source for Postgres (csv-sql.ts): its cells in LAYOUTS' column order, read
// through the list's own filters, scope and keyset order, or the checked rows within the scope.
// A joined name (a task's organisation, a person's organisations) comes through the scope's
// visible joins, as in the list's DTO: null when the caller may not see that record.
import { sql } from 'drizzle-orm'
import { labels } from '../../app/i18n/fr.ts'
import { organisations as o, people as p, users } from '../db/schema.ts'
import { organisationFilters, organisationOrder } from '../organisations/organisation.service.ts'
import { personFilters, personOrder } from '../people/person.service.ts'
import type { PersonListQuery } from '../people/person.schema.ts'
import type { OrganisationListQuery } from '../organisations/organisation.schema.ts'
import { linkedOrganisationNames } from '../people/person-links.service.ts'
import { NO, YES } from './export-columns.ts'
import { checkedOr, labelSql, type SourceOf } from './csv-sql.ts'
import { ACTIVITY_SOURCES } from './csv-sources-activity.ts'
import type { ExportEntity } from './export.schema.ts'

const organisationsSource: SourceOf = (user, filters, ids) => {
  const { column, descending } = organisationOrder((filters as Partial<OrganisationListQuery>).sort ?? 'name')
  return {
    from: sql`${o} left join ${users} on ${users.id} = ${o.ownerId}`,
    where: checkedOr((q) => organisationFilters(user, q), o.id, filters, ids),
    keys: [column, sql`${o.id}`],
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
}

const peopleSource: SourceOf = (user, filters, ids) => {
  const { keys, descending } = personOrder((filters as Partial<PersonListQuery>).sort ?? 'lastName')
  return {
    from: sql`${p} left join ${users} on ${users.id} = ${p.ownerId}`,
    where: checkedOr((q) => personFilters(user, q), p.id, filters, ids),
    keys,
    descending,
    cells: [
      sql`${p.lastName}`,
      sql`${p.firstName}`,
      sql`${p.jobTitle}`,
      linkedOrganisationNames(user, p.id),
      sql`${p.personalEmail}`,
      sql`${p.personalPhone}`,
      sql`${users.name}`,
      sql`${p.createdAt}`,
    ],
  }
}

export const CSV_SOURCES: Record<ExportEntity, SourceOf> = {
  organisations: organisationsSource,
  people: peopleSource,
  ...ACTIVITY_SOURCES,
}
