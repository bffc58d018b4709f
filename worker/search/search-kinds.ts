// The five kinds of record the search covers: for each, its table, names expression (the same as
// its index in migrations/0001_search.sql), who may read what (permissions/scope.ts), which
// filters apply, and what a result shows. Conditions name the table unaliased, like scope.ts.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { interactions, mandates, organisations, people, products } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { interactionScope, mandateScope, organisationScope, personScope } from '../permissions/scope.ts'
import { organisationFilters } from '../organisations/organisation.service.ts'
import type { Permission } from '../permissions/matrix.ts'
import type { SearchQuery, SearchType } from './search.schema.ts'
import type { CompiledQuery } from './search-query.ts'

export type Filters = Omit<SearchQuery, 'q' | 'types' | 'limit' | 'cursor'>

export type Kind = {
  type: SearchType
  permission: Permission
  table: SQL
  // Unweighted names-only tsvector, written exactly as its expression index.
  names: SQL
  // Its names are in search_name_tails (migrations/0002_search_name_tails.sql): typed
  // beginnings are read from there. Interactions' subjects are not: they are many and long.
  tails: boolean
  // Deleted rows, scope and filters; null when a filter cannot apply to this kind.
  where: (user: AuthUser, f: Filters) => SQL | null
  // A second way to match, besides the record's own text (a mandate by its organisation's name).
  alsoMatches?: (user: AuthUser, q: CompiledQuery) => SQL
  // jsonb of what a result shows, read from the row aliased x; text for ts_headline.
  data: (user: AuthUser) => SQL
  longText: SQL | null
}

const createdBetween = (column: SQL, f: Filters) => [
  f.createdFrom ? sql`${column} >= ${f.createdFrom}::date` : undefined,
  f.createdTo ? sql`${column} < ${f.createdTo}::date + 1` : undefined,
]
const hasOrganisationOnlyFilter = (f: Filters) => Boolean(f.type?.length || f.stage?.length || f.city)

// The name of an organisation, only if the caller may see it: a result never leaks one.
const visibleOrganisationName = (user: AuthUser, id: SQL) => sql`(select ${organisations.name} from ${organisations}
  where ${organisations.id} = ${id} and ${organisations.deletedAt} is null and ${organisationScope(user) ?? sql`true`})`
const visibleOrganisationId = (user: AuthUser, id: SQL) => sql`(select ${organisations.id} from ${organisations}
  where ${organisations.id} = ${id} and ${organisations.deletedAt} is null and ${organisationScope(user) ?? sql`true`})`

export const KINDS: Kind[] = [
  {
    type: 'organisations',
    permission: 'organisations:read',
    table: sql`${organisations}`,
    tails: true,
    names: sql`to_tsvector('crm_simple', ${organisations}.name)`,
    where: (user, f) =>
      and(
        organisationFilters(user, {
          type: f.type,
          category: f.category,
          stage: f.stage,
          city: f.city,
          ownerId: f.ownerId,
        }),
        ...createdBetween(sql`${organisations.createdAt}`, f),
      )!,
    data: () => sql`jsonb_build_object('name', x.name, 'email', x.email, 'city', x.city, 'postalCode', x.postal_code,
      'phone', x.phone, 'website', x.website, 'address', x.address, 'tag', x.type)`,
    longText: sql`x.notes`,
  },
  {
    type: 'people',
    permission: 'people:read',
    table: sql`${people}`,
    tails: true,
    names: sql`to_tsvector('crm_simple', ${people}.first_name || ' ' || ${people}.last_name)`,
    where: (user, f) =>
      hasOrganisationOnlyFilter(f) || f.category?.length
        ? null
        : and(
            isNull(people.deletedAt),
            personScope(user),
            f.ownerId ? eq(people.ownerId, f.ownerId) : undefined,
            ...createdBetween(sql`${people.createdAt}`, f),
          )!,
    data: (user) => sql`jsonb_build_object('name', x.first_name || ' ' || x.last_name, 'email', x.personal_email,
      'phone', x.personal_phone, 'jobTitle', x.job_title,
      'organisation', (select ${organisations.name}
        from person_organisations po join ${organisations} on ${organisations.id} = po.organisation_id
        where po.person_id = x.id and ${organisations.deletedAt} is null and ${organisationScope(user) ?? sql`true`}
        order by po.is_primary desc, po.created_at limit 1))`,
    longText: sql`x.notes`,
  },
  {
    type: 'mandates',
    permission: 'mandates:read',
    table: sql`${mandates}`,
    tails: true,
    names: sql`to_tsvector('crm_simple', ${mandates}.number || ' ' || translate(${mandates}.number, '-/', '  '))`,
    where: (user, f) =>
      hasOrganisationOnlyFilter(f) || f.category?.length
        ? null
        : and(
            isNull(mandates.deletedAt),
            mandateScope(user),
            f.ownerId ? eq(mandates.ownerId, f.ownerId) : undefined,
            ...createdBetween(sql`${mandates.createdAt}`, f),
          )!,
    // Typing a client's name lists its mandates too (the plan's FAQ: "organisations + personnes + mandats").
    alsoMatches: (
      user,
      q,
    ) => sql`${mandates.organisationId} = any(array(select ${organisations.id} from ${organisations}
      where to_tsvector('crm_simple', ${organisations}.name) @@ ${q.names} and ${organisations.deletedAt} is null
      and ${organisationScope(user) ?? sql`true`} limit 200))`,
    data: (user) => sql`jsonb_build_object('name', x.number, 'organisation',
      ${visibleOrganisationName(user, sql`x.organisation_id`)},
      'tag', x.status)`,
    longText: sql`x.notes`,
  },
  {
    type: 'products',
    permission: 'products:read',
    table: sql`${products}`,
    tails: true,
    names: sql`to_tsvector('crm_simple', ${products}.name || ' ' || ${products}.isin)`,
    where: (_user, f) =>
      hasOrganisationOnlyFilter(f) || f.ownerId
        ? null
        : and(
            isNull(products.deletedAt),
            f.category?.length ? inArray(products.category, f.category) : undefined,
            ...createdBetween(sql`${products.createdAt}`, f),
          )!,
    data: (user) => sql`jsonb_build_object('name', x.name, 'isin', x.isin, 'organisation',
      ${visibleOrganisationName(user, sql`x.issuer_id`)},
      'tag', x.category)`,
    longText: sql`x.description`,
  },
  {
    type: 'interactions',
    permission: 'interactions:read',
    table: sql`${interactions}`,
    tails: false,
    names: sql`to_tsvector('crm_simple', ${interactions}.subject)`,
    where: (user, f) =>
      hasOrganisationOnlyFilter(f) || f.category?.length
        ? null
        : and(
            isNull(interactions.deletedAt),
            interactionScope(user),
            f.ownerId ? eq(interactions.userId, f.ownerId) : undefined,
            ...createdBetween(sql`${interactions.createdAt}`, f),
          )!,
    data: (user) => sql`jsonb_build_object('name', x.subject, 'organisation',
      ${visibleOrganisationName(user, sql`x.organisation_id`)},
      'organisationId', ${visibleOrganisationId(user, sql`x.organisation_id`)},
      'occurredAt', x.occurred_at, 'tag', x.type)`,
    longText: sql`x.summary`,
  },
]

export const HREF: Record<SearchType, (id: string, data: Record<string, unknown>) => string | null> = {
  organisations: (id) => `/organisations/${id}`,
  people: (id) => `/people/${id}`,
  mandates: (id) => `/mandates/${id}`,
  products: (id) => `/products/${id}`,
  // An interaction has no page of its own: its organisation's timeline.
  interactions: (_id, d) =>
    typeof d.organisationId === 'string' ? `/organisations/${d.organisationId}/interactions` : null,
}
