// Interactions on an organisation's timeline. Every write recomputes the organisation's
// last_contact_at (latest occurred_at of its remaining interactions) under the organisation's
// row lock, so concurrent writes never leave it stale.
import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { interactionPeople, interactions, organisations, people, users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import {
  interactionScope,
  organisationNotInBin,
  organisationScope,
  personScope,
  visibleOrganisationJoin,
  visiblePersonJoin,
} from '../permissions/scope.ts'
import { encodeCursor, iso, ms, timeKeyset } from '../shared/cursor.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { emitEvent } from '../events/outbox.ts'
import { diff, recordChange } from '../shared/history.ts'
import { isUuid, type Tx, type TxOrDb } from '../shared/tx.ts'
import type { InteractionInput, InteractionListQuery, InteractionUpdate } from './interaction.schema.ts'

type Row = typeof interactions.$inferSelect
type PersonRef = { id: string; firstName: string; lastName: string }

export function toInteractionDto(
  row: Row,
  extra: { organisationName: string | null; userName: string | null; people: PersonRef[] },
) {
  return {
    id: row.id,
    type: row.type,
    organisationId: row.organisationId,
    organisationName: extra.organisationName,
    userId: row.userId,
    userName: extra.userName,
    teamId: row.teamId,
    occurredAt: iso(row.occurredAt)!,
    subject: row.subject,
    summary: row.summary,
    people: extra.people,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  }
}

const visible = (user: AuthUser) =>
  and(
    isNull(interactions.deletedAt),
    interactionScope(user),
    // Never without an organisation (the API always sets one): said, as the EXISTS it replaces did.
    isNotNull(interactions.organisationId),
    organisationNotInBin(interactions.organisationId),
  )

// The people involved by last name (the id orders two of the same name the same way every time).
const PEOPLE_ORDER = sql`${people.lastName}, ${people.id}`

async function peopleOf(db: TxOrDb, user: AuthUser, ids: string[]) {
  const map = new Map<string, PersonRef[]>()
  if (ids.length === 0) return map
  const rows = await db
    .select({
      interactionId: interactionPeople.interactionId,
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
    })
    .from(interactionPeople)
    .innerJoin(people, visiblePersonJoin(user, interactionPeople.personId))
    .where(inArray(interactionPeople.interactionId, ids))
    .orderBy(PEOPLE_ORDER)
  for (const { interactionId, ...p } of rows) map.set(interactionId, [...(map.get(interactionId) ?? []), p])
  return map
}

// The people involved as "First Last", joined by ", " in peopleOf's order (the CSV's cell).
export const participantNames = (user: AuthUser) =>
  sql<string | null>`(select string_agg(${people.firstName} || ' ' || ${people.lastName}, ', ' order by ${PEOPLE_ORDER})
    from ${interactionPeople} join ${people} on ${visiblePersonJoin(user, interactionPeople.personId)}
    where ${interactionPeople.interactionId} = ${interactions.id})`

// The list's conditions (scope included), shared with the CSV export.
export function interactionFilters(user: AuthUser, q: Partial<InteractionListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [visible(user)]
  if (q.organisationId) conds.push(eq(interactions.organisationId, q.organisationId))
  if (q.userId) conds.push(eq(interactions.userId, q.userId))
  if (q.type?.length) conds.push(inArray(interactions.type, q.type))
  // Each date bound twice: exact on the column, and implied on the list's order key (a time cut to
  // the millisecond is not later than itself; the bounds have millisecond precision), which
  // bounds the walk along interactions_live_order_idx.
  if (q.from)
    conds.push(gte(interactions.occurredAt, new Date(q.from)), gte(ms(interactions.occurredAt), new Date(q.from)))
  if (q.to) conds.push(lte(interactions.occurredAt, new Date(q.to)), lte(ms(interactions.occurredAt), new Date(q.to)))
  if (q.personId)
    conds.push(
      sql`exists (select 1 from ${interactionPeople} ip
        where ip.interaction_id = ${interactions.id} and ip.person_id = ${q.personId})`,
    )
  return and(...conds)
}

// Newest first, the list's only order: its keyset (occurredAt, id) descending, also the CSV's.
export const INTERACTION_ORDER = { keys: [ms(interactions.occurredAt), sql`${interactions.id}`], descending: true }

export async function listInteractions(db: Db, user: AuthUser, q: InteractionListQuery) {
  const conds = [interactionFilters(user, q)]
  if (q.cursor) conds.push(sql`(${ms(interactions.occurredAt)}, ${interactions.id}) < ${timeKeyset(q.cursor)}`)
  const rows = await db
    .select({ i: interactions, organisationName: organisations.name, userName: users.name })
    .from(interactions)
    .leftJoin(organisations, visibleOrganisationJoin(user, interactions.organisationId))
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(and(...conds))
    .orderBy(...INTERACTION_ORDER.keys.map((k) => desc(k)))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const involved = await peopleOf(
    db,
    user,
    page.map((r) => r.i.id),
  )
  const last = page.at(-1)?.i
  return {
    data: page.map((r) =>
      toInteractionDto(r.i, {
        organisationName: r.organisationName,
        userName: r.userName,
        people: involved.get(r.i.id) ?? [],
      }),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor(iso(last.occurredAt), last.id) : null,
  }
}

export async function interactionDto(db: TxOrDb, user: AuthUser, row: Row) {
  const [extra] = await db
    .select({ organisationName: organisations.name })
    .from(organisations)
    .where(visibleOrganisationJoin(user, sql`${row.organisationId}::uuid`))
  const [author] = row.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)) : []
  const involved = await peopleOf(db, user, [row.id])
  return toInteractionDto(row, {
    organisationName: extra?.organisationName ?? null,
    userName: author?.name ?? null,
    people: involved.get(row.id) ?? [],
  })
}

export async function getInteractionRow(db: TxOrDb, user: AuthUser, id: string, { forUpdate = false } = {}) {
  if (!isUuid(id)) throw notFound()
  const query = db
    .select()
    .from(interactions)
    .where(and(eq(interactions.id, id), visible(user)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

export const getInteraction = async (db: Db, user: AuthUser, id: string) =>
  interactionDto(db, user, await getInteractionRow(db, user, id))

// Creating needs the organisation in the caller's scope; editing an interaction the caller may
// see (`scoped: false`) only needs the lock.
async function lockOrganisation(tx: Tx, user: AuthUser, organisationId: string, { scoped = true } = {}) {
  const [org] = await tx
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.id, organisationId),
        isNull(organisations.deletedAt),
        scoped ? organisationScope(user) : undefined,
      ),
    )
    .for('update')
  if (!org) throw badRequest('Données invalides.', [{ path: 'organisationId', message: 'Organisation introuvable.' }])
  return org
}

export async function refreshLastContact(tx: TxOrDb, organisationId: string) {
  await tx.execute(sql`update organisations set last_contact_at = (
    select max(occurred_at) from interactions where organisation_id = ${organisationId} and deleted_at is null)
    where id = ${organisationId}`)
}

async function setPeople(tx: Tx, user: AuthUser, interactionId: string, ids: string[]) {
  const unique = [...new Set(ids)]
  if (unique.length) {
    const found = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(inArray(people.id, unique), isNull(people.deletedAt), personScope(user)))
    const known = new Set(found.map((p) => p.id))
    const errors = ids.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `personIds.${i}`, message: 'Personne introuvable.' }],
    )
    if (errors.length) throw badRequest('Données invalides.', errors)
  }
  await tx.delete(interactionPeople).where(eq(interactionPeople.interactionId, interactionId))
  if (unique.length) await tx.insert(interactionPeople).values(unique.map((personId) => ({ interactionId, personId })))
}

export async function createInteraction(db: Db, user: AuthUser, input: InteractionInput) {
  return db.transaction(async (tx) => {
    const org = await lockOrganisation(tx, user, input.organisationId)
    const { personIds, occurredAt, ...fields } = input
    const [row] = await tx
      .insert(interactions)
      .values({
        ...fields,
        occurredAt: occurredAt ? new Date(occurredAt) : new Date(),
        userId: user.id,
        teamId: org.teamId,
      })
      .returning()
    if (personIds) await setPeople(tx, user, row!.id, personIds)
    await refreshLastContact(tx, org.id)
    await recordChange(tx, 'interaction', row!.id, user.id, 'created')
    const dto = await interactionDto(tx, user, row!)
    await emitEvent(tx, 'interaction.created', user, { interaction: dto })
    return dto
  })
}

export async function updateInteraction(db: Db, user: AuthUser, id: string, input: InteractionUpdate) {
  return db.transaction(async (tx) => {
    const current = await getInteractionRow(tx, user, id)
    await lockOrganisation(tx, user, current.organisationId!, { scoped: false })
    const before = await getInteractionRow(tx, user, id, { forUpdate: true })
    const { personIds, occurredAt, ...fields } = input
    const [after] = await tx
      .update(interactions)
      .set({
        ...fields,
        ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(interactions.id, id))
      .returning()
    const changes: Record<string, { from: unknown; to: unknown }> = diff(before, after!)
    if (personIds) {
      const old =
        (await peopleOf(tx, user, [id]))
          .get(id)
          ?.map((p) => p.id)
          .sort() ?? []
      await setPeople(tx, user, id, personIds)
      const now = [...new Set(personIds)].sort()
      if (old.join() !== now.join()) changes.personIds = { from: old, to: now }
    }
    if (changes.occurredAt) await refreshLastContact(tx, after!.organisationId!)
    const dto = await interactionDto(tx, user, after!)
    if (Object.keys(changes).length) {
      await recordChange(tx, 'interaction', id, user.id, 'updated', changes)
      await emitEvent(tx, 'interaction.updated', user, { interaction: dto, changes })
    }
    return dto
  })
}

export async function deleteInteraction(db: Db, user: AuthUser, id: string) {
  await db.transaction(async (tx) => {
    const current = await getInteractionRow(tx, user, id)
    await lockOrganisation(tx, user, current.organisationId!, { scoped: false })
    const [row] = await tx
      .update(interactions)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(interactions.id, id), isNull(interactions.deletedAt)))
      .returning()
    if (!row) throw notFound()
    await refreshLastContact(tx, row.organisationId!)
    await recordChange(tx, 'interaction', id, user.id, 'deleted')
    await emitEvent(tx, 'interaction.deleted', user, { interaction: await interactionDto(tx, user, row) })
  })
}
