// The CSV sources of mandates, interactions and tasks (see csv-sources.ts): each list's filters,
// keyset and joins, with the joined names its DTO shows and nothing more.
import { eq, sql } from 'drizzle-orm'
import { labels } from '../../app/i18n/fr.ts'
import { interactions as i, mandates as m, organisations, people, tasks as t, users } from '../db/schema.ts'
import { interactionFilters, INTERACTION_ORDER, participantNames } from '../interactions/interaction.service.ts'
import { mandateFilters, mandateOrder, productLabels } from '../mandates/mandate.service.ts'
import { organisationNameIfVisible, visibleOrganisationJoin, visiblePersonJoin } from '../permissions/scope.ts'
import { taskFilters, taskOrder, taskPersonName } from '../tasks/task.service.ts'
import type { TaskListQuery } from '../tasks/task.schema.ts'
import type { MandateListQuery } from '../mandates/mandate.schema.ts'
import { checkedOr, labelSql, type SourceOf } from './csv-sql.ts'
import type { ExportEntity } from './export.schema.ts'

// A `date` column (no time of day) as the instant TO_ROW made of it: midnight UTC, which is the
// same calendar day in Paris.
const dayAsUtcMidnight = (column: unknown) => sql`(${column}::timestamp at time zone 'UTC')`

const mandatesSource: SourceOf = (user, filters, ids) => {
  const { column, descending } = mandateOrder((filters as Partial<MandateListQuery>).sort ?? '-number')
  return {
    // The inner join is the list's: organisationNameIfVisible reads the organisation's row.
    from: sql`${m} join ${organisations} on ${eq(organisations.id, m.organisationId)}
      left join ${users} on ${eq(users.id, m.ownerId)}`,
    where: checkedOr((q) => mandateFilters(user, q), m.id, filters, ids),
    keys: [column, sql`${m.id}`],
    descending,
    cells: [
      sql`${m.number}`,
      organisationNameIfVisible(user),
      labelSql(labels.mandateStatus, sql`${m.status}`),
      productLabels,
      sql`${m.amount}`,
      dayAsUtcMidnight(m.startDate),
      dayAsUtcMidnight(m.endDate),
      sql`${m.signedAt}`,
      sql`${users.name}`,
    ],
  }
}

const interactionsSource: SourceOf = (user, filters, ids) => ({
  from: sql`${i} left join ${organisations} on ${visibleOrganisationJoin(user, i.organisationId)}
    left join ${users} on ${eq(users.id, i.userId)}`,
  where: checkedOr((q) => interactionFilters(user, q), i.id, filters, ids),
  ...INTERACTION_ORDER,
  cells: [
    sql`${i.occurredAt}`,
    labelSql(labels.interaction, sql`${i.type}`),
    sql`${organisations.name}`,
    sql`${i.subject}`,
    participantNames(user),
    sql`${users.name}`,
    sql`${i.summary}`,
  ],
})

const tasksSource: SourceOf = (user, filters, ids) => {
  const { keys, descending } = taskOrder((filters as Partial<TaskListQuery>).sort ?? 'due')
  return {
    from: sql`${t} left join ${users} on ${eq(users.id, t.assigneeId)}
      left join ${organisations} on ${visibleOrganisationJoin(user, t.organisationId)}
      left join ${people} on ${visiblePersonJoin(user, t.personId)}`,
    where: checkedOr((q) => taskFilters(user, q), t.id, filters, ids),
    keys,
    descending,
    cells: [
      sql`${t.title}`,
      labelSql(labels.taskStatus, sql`${t.status}`),
      labelSql(labels.priority, sql`${t.priority}`),
      sql`${t.dueAt}`,
      sql`${users.name}`,
      sql`${organisations.name}`,
      taskPersonName,
      sql`${t.completedAt}`,
    ],
  }
}

export const ACTIVITY_SOURCES: Record<Exclude<ExportEntity, 'organisations' | 'people'>, SourceOf> = {
  mandats: mandatesSource,
  interactions: interactionsSource,
  tasks: tasksSource,
}
