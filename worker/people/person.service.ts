// People: reads within the caller's scope, writes with history and events. A person's links to
// organisations are shown and changed only for organisations the caller can see.
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL, type Subquery } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { people, personOrganisations, users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { personScope } from '../permissions/scope.ts'
import { decodeCursor, encodeCursor, iso, ms, timeKeyset } from '../shared/cursor.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { emitEvent } from '../events/outbox.ts'
import { diff, recordChange } from '../shared/history.ts'
import { resolveUser } from '../shared/owner.ts'
import { isUuid, type TxOrDb } from '../shared/tx.ts'
import { escapeLike } from '../shared/like.ts'
import { Person, type PersonInput, type PersonLinkInput, type PersonListQuery } from './person.schema.ts'
import { answerFromRow } from '../shared/record-fields.ts'
import { linksJson, linksOf, replaceLinks, type LinkDto } from './person-links.service.ts'

type Row = typeof people.$inferSelect

// Every key of the Person schema read off the row; the full name, the owner's name and the
// visible links are worked out here.
export function toPersonDto(row: Row & { ownerName?: string | null }, links: LinkDto[]) {
  return answerFromRow(Person.shape, row, {
    fullName: `${row.firstName} ${row.lastName}`,
    ownerName: row.ownerName ?? null,
    organisations: links,
  })
}
export type PersonDto = ReturnType<typeof toPersonDto>

// What a person's DTO reads beside its row: the owner's name and the visible links (linksJson),
// in the row's own statement (the lists, the contacts tab and the detail).
const ownerAndLinks = (user: AuthUser) => ({ ownerName: users.name, links: linksJson(user, people.id) })
type WithOwnerAndLinks = { p: Row; ownerName: string | null; links: LinkDto[] }
const dtoOf = (r: WithOwnerAndLinks) => toPersonDto({ ...r.p, ownerName: r.ownerName }, r.links)
const withOwnerAndLinks = (db: TxOrDb, user: AuthUser, from: typeof people | Subquery = people) =>
  db
    .select({ p: people, ...ownerAndLinks(user) })
    .from(from)
    .leftJoin(users, eq(users.id, people.ownerId))

// The people a filter keeps, read before they are sorted. A text search's planner estimate is
// generic (0.8 % of the people for any 4 letters), so it walked the people in the list's order and
// tested each one: 0.24-0.36 s for a text nobody has, and in name order a name's matches sit
// together, far from the start. Behind this fence (OFFSET 0 keeps the subquery apart) the trigram
// indexes find the matches, then the page is sorted from them: 8-56 ms at 200,000 people whatever
// the text (decision 009).
const matchingFirst = (db: TxOrDb, where: SQL | undefined) =>
  db.select().from(people).where(where).offset(OFFSET_ZERO).as('people')
// drizzle writes no OFFSET for the number 0 (falsy); as SQL it is written out.
const OFFSET_ZERO = sql`0` as unknown as number
// A trigram index answers a text holding three letters or digits in a row; a shorter text matches
// so many people that walking them in order finds a page at once.
const hasTrigram = (text: string | undefined) => text !== undefined && /[\p{L}\p{N}]{3}/u.test(text)

// A live person the user may see, by id.
const liveInScope = (user: AuthUser, id: string) => and(eq(people.id, id), isNull(people.deletedAt), personScope(user))

// A list's page: rows are fetched one past the limit, to know whether more follow.
function peoplePage<R extends WithOwnerAndLinks>(rows: R[], limit: number) {
  return { page: rows.slice(0, limit), dtoOf }
}
export function personFilters(user: AuthUser, q: Partial<PersonListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [isNull(people.deletedAt), personScope(user)]
  if (q.ownerId) conds.push(eq(people.ownerId, q.ownerId))
  if (q.q) {
    // A text within the first or the last name is within "First Last": two tests, each one a
    // trigram index holds (migration 0014), where four made every search read the people in order.
    const like = `%${escapeLike(q.q)}%`
    conds.push(
      or(sql`(${people.firstName} || ' ' || ${people.lastName}) ilike ${like}`, ilike(people.personalEmail, like)),
    )
  }
  if (q.organisationId) {
    conds.push(
      sql`exists (select 1 from ${personOrganisations} po
        where po.person_id = ${people.id} and po.organisation_id = ${q.organisationId})`,
    )
  }
  return and(...conds.filter(Boolean))
}

// The list's keyset, (lastName, firstName, id) or (createdAt, id), also followed by the CSV export.
export function personOrder(sort: PersonListQuery['sort']) {
  const byName = sort.endsWith('lastName')
  const keys = byName
    ? [sql`${people.lastName}`, sql`${people.firstName}`, sql`${people.id}`]
    : [ms(people.createdAt), sql`${people.id}`]
  return { byName, keys, descending: sort.startsWith('-') }
}

// Keyset on (lastName, firstName, id) or (createdAt, id); the cursor carries the sort values.
export async function listPeople(db: Db, user: AuthUser, q: PersonListQuery) {
  const { byName, keys, descending } = personOrder(q.sort)
  const key = sql`(${sql.join(keys, sql`, `)})`
  const conds = [personFilters(user, q)]
  if (q.cursor) {
    const after = byName ? nameCursor(q.cursor) : timeKeyset(q.cursor)
    conds.push(descending ? sql`${key} < ${after}` : sql`${key} > ${after}`)
  }
  const dir = descending ? desc : asc
  const where = and(...conds)
  const rows = await (hasTrigram(q.q)
    ? withOwnerAndLinks(db, user, matchingFirst(db, where))
    : withOwnerAndLinks(db, user).where(where)
  )
    .orderBy(...keys.map((k) => dir(k)))
    .limit(q.limit + 1)
  const { page, dtoOf } = peoplePage(rows, q.limit)
  const last = page.at(-1)?.p
  return {
    data: page.map(dtoOf),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor(byName ? [last.lastName, last.firstName] : iso(last.createdAt), last.id)
        : null,
  }
}

function nameCursor(cursor: string) {
  const [value, id] = decodeCursor(cursor)
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'string')) {
    throw badRequest('Curseur de pagination invalide.', [{ path: 'cursor', message: 'Curseur invalide.' }])
  }
  return sql`(${value[0]}::text, ${value[1]}::text, ${id}::uuid)`
}

export async function getPersonRow(db: TxOrDb, user: AuthUser, id: string, { forUpdate = false } = {}): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const query = db.select().from(people).where(liveInScope(user, id))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

// The DTO of a row just read or written: its owner's name and links in one more statement.
export async function personDto(db: TxOrDb, user: AuthUser, row: Row) {
  const [read] = await withOwnerAndLinks(db, user).where(eq(people.id, row.id))
  return dtoOf({ p: row, ownerName: read?.ownerName ?? null, links: read?.links ?? [] })
}

// One statement, as the list reads a person (the detail was three round trips).
export async function getPerson(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await withOwnerAndLinks(db, user).where(liveInScope(user, id))
  if (!row) throw notFound()
  return dtoOf(row)
}

export async function createPerson(db: Db, user: AuthUser, input: PersonInput) {
  return db.transaction(async (tx) => {
    const { organisations: links, ownerId, ...fields } = input
    const owner = ownerId ? await resolveUser(tx, user, ownerId) : { id: user.id, teamId: user.teamId }
    const [row] = await tx
      .insert(people)
      .values({ ...fields, ownerId: owner.id, teamId: owner.teamId })
      .returning()
    if (links?.length) await replaceLinks(tx, user, row!.id, links)
    await recordChange(tx, 'person', row!.id, user.id, 'created')
    const dto = await personDto(tx, user, row!)
    await emitEvent(tx, 'person.created', user, { person: dto })
    return dto
  })
}

export async function updatePerson(db: Db, user: AuthUser, id: string, input: Partial<PersonInput>) {
  return db.transaction(async (tx) => {
    const before = await getPersonRow(tx, user, id, { forUpdate: true })
    const { organisations: links, ownerId, ...fields } = input
    const owner = ownerId && ownerId !== before.ownerId ? await resolveUser(tx, user, ownerId) : null
    const [after] = await tx
      .update(people)
      .set({
        ...fields,
        ...(owner ? { ownerId: owner.id, teamId: owner.teamId } : ownerId === null ? { ownerId: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(people.id, id))
      .returning()
    const changes: Record<string, { from: unknown; to: unknown }> = diff(before, after!)
    if (links) {
      const linkChanges = await replaceLinks(tx, user, id, links)
      if (linkChanges) changes.organisations = linkChanges
    }
    const dto = await personDto(tx, user, after!)
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, 'person', id, user.id, 'updated', changes)
      await emitEvent(tx, 'person.updated', user, { person: dto, changes })
    }
    return dto
  })
}

// To the bin. Links stay in place (hidden with the person) so a restore brings them back.
export async function deletePerson(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(people)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(people.id, id), isNull(people.deletedAt), personScope(user)))
      .returning()
    if (!row) throw notFound()
    await recordChange(tx, 'person', id, user.id, 'deleted')
    // The record as last shown, its updatedAt the deletion's (its links are hidden with it).
    await emitEvent(tx, 'person.deleted', user, { person: await personDto(tx, user, row) })
  })
}

// Adds or updates one link (POST /people/{id}/organisations, PATCH .../{organisationId}).
export async function upsertLink(
  db: Db,
  user: AuthUser,
  personId: string,
  link: PersonLinkInput,
  { mustExist = false } = {},
) {
  return db.transaction(async (tx) => {
    const person = await getPersonRow(tx, user, personId, { forUpdate: true })
    const current = (await linksOf(tx, user, [personId])).get(personId) ?? []
    const existing = current.find((l) => l.organisationId === link.organisationId)
    if (mustExist && !existing) throw notFound("Cette personne n'est pas liée à cette organisation.")
    const merged = current.filter((l) => l.organisationId !== link.organisationId).map(toLinkInput)
    merged.push({ ...(existing ? toLinkInput(existing) : {}), ...stripUndefined(link) } as PersonLinkInput)
    const changes = await replaceLinks(tx, user, personId, merged)
    const dto = await personDto(tx, user, changes ? await touch(tx, person.id) : person)
    if (changes) {
      await recordChange(tx, 'person', personId, user.id, 'updated', { organisations: changes })
      await emitEvent(tx, 'person.updated', user, { person: dto, changes: { organisations: changes } })
    }
    return dto
  })
}

export async function removeLink(db: Db, user: AuthUser, personId: string, organisationId: string) {
  return db.transaction(async (tx) => {
    const person = await getPersonRow(tx, user, personId, { forUpdate: true })
    const current = (await linksOf(tx, user, [personId])).get(personId) ?? []
    if (!current.some((l) => l.organisationId === organisationId))
      throw notFound("Cette personne n'est pas liée à cette organisation.")
    const changes = await replaceLinks(
      tx,
      user,
      personId,
      current.filter((l) => l.organisationId !== organisationId).map(toLinkInput),
    )
    await recordChange(tx, 'person', personId, user.id, 'updated', { organisations: changes! })
    await emitEvent(tx, 'person.updated', user, {
      person: await personDto(tx, user, await touch(tx, person.id)),
      changes: { organisations: changes },
    })
  })
}

// A link change is a change of the person: its updatedAt moves, so a receiver that drops stale
// updates by it does not drop this one.
async function touch(tx: TxOrDb, id: string) {
  const [row] = await tx.update(people).set({ updatedAt: new Date() }).where(eq(people.id, id)).returning()
  return row!
}

const toLinkInput = (l: LinkDto): PersonLinkInput => ({
  organisationId: l.organisationId,
  role: l.role,
  workEmail: l.workEmail,
  workPhone: l.workPhone,
  isPrimary: l.isPrimary,
})
const stripUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

// The "Contacts" tab of an organisation: its people, the primary contact first.
export async function listContacts(
  db: Db,
  user: AuthUser,
  organisationId: string,
  q: { limit: number; cursor?: string },
) {
  const conds = [personFilters(user, {}), eq(personOrganisations.organisationId, organisationId)]
  const key = sql`(not ${personOrganisations.isPrimary}, ${people.lastName}, ${people.firstName}, ${people.id})`
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    if (!Array.isArray(value) || value.length !== 3)
      throw badRequest('Curseur de pagination invalide.', [{ path: 'cursor', message: 'Curseur invalide.' }])
    conds.push(
      sql`${key} > (${Boolean(value[0])}::boolean, ${String(value[1])}::text, ${String(value[2])}::text, ${id}::uuid)`,
    )
  }
  const rows = await db
    .select({ p: people, link: personOrganisations, ...ownerAndLinks(user) })
    .from(personOrganisations)
    .innerJoin(people, eq(people.id, personOrganisations.personId))
    .leftJoin(users, eq(users.id, people.ownerId))
    .where(and(...conds))
    .orderBy(desc(personOrganisations.isPrimary), asc(people.lastName), asc(people.firstName), asc(people.id))
    .limit(q.limit + 1)
  const { page, dtoOf } = peoplePage(rows, q.limit)
  const last = page.at(-1)
  return {
    data: page.map((r) => ({
      ...dtoOf(r),
      role: r.link.role,
      workEmail: r.link.workEmail,
      workPhone: r.link.workPhone,
      isPrimary: r.link.isPrimary,
    })),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor([!last.link.isPrimary, last.p.lastName, last.p.firstName], last.p.id)
        : null,
  }
}
