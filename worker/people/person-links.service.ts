// A person's links to organisations (role, work e-mail and phone, primary contact). Only links
// to organisations the caller can see are read or changed: the others stay as they are.
import { type AnyColumn, and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { organisations, people, personOrganisations } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisationScope, visibleOrganisationJoin } from '../permissions/scope.ts'
import { badRequest, type FieldError } from '../http/problem.ts'
import type { Tx, TxOrDb } from '../shared/tx.ts'
import type { PersonLinkInput } from './person.schema.ts'

export type LinkDto = {
  organisationId: string
  organisationName: string
  role: string | null
  workEmail: string | null
  workPhone: string | null
  isPrimary: boolean
}

// A person's links in the order they are shown: the primary contact's organisation first.
const LINK_ORDER = sql`${personOrganisations.isPrimary} desc, ${organisations.name}`

export async function linksOf(db: TxOrDb, user: AuthUser, personIds: string[]): Promise<Map<string, LinkDto[]>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .select({ id: people.id, links: linksJson(user, people.id) })
    .from(people)
    .where(inArray(people.id, personIds))
  return new Map(rows.map((r) => [r.id, r.links]))
}

// A person's links to organisations the user may see (the two subqueries below read them).
const visibleLinks = (user: AuthUser, personId: AnyColumn) => sql`from ${personOrganisations}
  join ${organisations} on ${visibleOrganisationJoin(user, personOrganisations.organisationId)}
  where ${personOrganisations.personId} = ${personId}`

// A person's visible links as one JSON value, in their order: the one definition of a link's
// fields, read by linksOf and inside the list pages' own statement (a round trip less per page).
export const linksJson = (user: AuthUser, personId: AnyColumn) =>
  sql<LinkDto[]>`(select coalesce(json_agg(json_build_object(
      'organisationId', ${personOrganisations.organisationId}, 'organisationName', ${organisations.name},
      'role', ${personOrganisations.role}, 'workEmail', ${personOrganisations.workEmail},
      'workPhone', ${personOrganisations.workPhone}, 'isPrimary', ${personOrganisations.isPrimary}
    ) order by ${LINK_ORDER}), '[]'::json)
    ${visibleLinks(user, personId)})`

// The names of the organisations linksOf reads, joined by ", " in its order (the people's CSV).
export const linkedOrganisationNames = (user: AuthUser, personId: AnyColumn) =>
  sql<string | null>`(select string_agg(${organisations.name}, ', ' order by ${LINK_ORDER})
    ${visibleLinks(user, personId)})`

// Makes the visible links exactly `wanted`. Returns what changed (for history), or null.
export async function replaceLinks(tx: Tx, user: AuthUser, personId: string, wanted: PersonLinkInput[]) {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  wanted.forEach((l, i) => {
    if (seen.has(l.organisationId))
      errors.push({ path: `organisations.${i}.organisationId`, message: 'Organisation en double.' })
    seen.add(l.organisationId)
  })
  const ids = [...seen]
  const visible =
    ids.length === 0
      ? []
      : await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(inArray(organisations.id, ids), isNull(organisations.deletedAt), organisationScope(user)))
  const visibleIds = new Set(visible.map((o) => o.id))
  wanted.forEach((l, i) => {
    if (!visibleIds.has(l.organisationId))
      errors.push({ path: `organisations.${i}.organisationId`, message: 'Organisation introuvable.' })
  })
  if (errors.length) throw badRequest('Données invalides.', errors)

  const before = (await linksOf(tx, user, [personId])).get(personId) ?? []
  const gone = before.filter((l) => !seen.has(l.organisationId)).map((l) => l.organisationId)
  if (gone.length) {
    await tx
      .delete(personOrganisations)
      .where(and(eq(personOrganisations.personId, personId), inArray(personOrganisations.organisationId, gone)))
  }
  for (const l of wanted) {
    const isPrimary = l.isPrimary ?? false
    if (isPrimary) {
      // One primary contact per organisation: the previous one steps down in this transaction.
      // Locking the organisation row makes two simultaneous "set primary" wait for each other.
      await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, l.organisationId))
        .for('update')
      await tx
        .update(personOrganisations)
        .set({ isPrimary: false })
        .where(
          and(
            eq(personOrganisations.organisationId, l.organisationId),
            eq(personOrganisations.isPrimary, true),
            sql`${personOrganisations.personId} <> ${personId}`,
          ),
        )
    }
    const values = { role: l.role ?? null, workEmail: l.workEmail ?? null, workPhone: l.workPhone ?? null, isPrimary }
    await tx
      .insert(personOrganisations)
      .values({ personId, organisationId: l.organisationId, ...values })
      .onConflictDoUpdate({ target: [personOrganisations.personId, personOrganisations.organisationId], set: values })
  }
  const after = (await linksOf(tx, user, [personId])).get(personId) ?? []
  const summary = (links: LinkDto[]) =>
    links
      .map((l) => ({
        organisationId: l.organisationId,
        role: l.role,
        isPrimary: l.isPrimary,
        workEmail: l.workEmail,
        workPhone: l.workPhone,
      }))
      .sort((a, b) => a.organisationId.localeCompare(b.organisationId))
  const from = summary(before)
  const to = summary(after)
  return JSON.stringify(from) === JSON.stringify(to) ? null : { from, to }
}
