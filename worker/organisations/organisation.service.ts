// Organisations: reads within the caller's scope, writes with history, events and automations.
import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { organisations, users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisationScope } from '../permissions/scope.ts'
import { decodeCursor, encodeCursor, iso, ms } from '../shared/cursor.ts'
import { notFound } from '../http/problem.ts'
import { emitEvent } from '../events/outbox.ts'
import { diff, recordChange } from '../shared/history.ts'
import { applyStageChange } from '../pipeline/stage-change.ts'
import { resolveUser, userName } from '../shared/owner.ts'
import { isUuid, type TxOrDb } from '../shared/tx.ts'
import { escapeLike } from '../shared/like.ts'
import { Organisation, type OrganisationInput, type OrganisationListQuery } from './organisation.schema.ts'
import { answerFromRow } from '../shared/record-fields.ts'
import { isStale, isStaleSql } from './stale.ts'

type Row = typeof organisations.$inferSelect

// Every key of the Organisation schema read off the row; only the owner's name and the stale
// flag are worked out here.
export function toOrganisationDto(row: Row & { ownerName?: string | null }) {
  return answerFromRow(Organisation.shape, row, { ownerName: row.ownerName ?? null, isStale: isStale(row) })
}
export type OrganisationDto = ReturnType<typeof toOrganisationDto>

const SORT_COLUMNS: Record<'name' | 'createdAt' | 'amount' | 'stageChangedAt', SQL> = {
  name: sql`${organisations.name}`,
  // Times at the millisecond, as the cursor carries them: an import's rows share one instant to
  // the microsecond, and a raw keyset skipped (newest first) or repeated the rest of a page's batch.
  createdAt: ms(organisations.createdAt),
  amount: sql`coalesce(${organisations.amount}, -1)`,
  stageChangedAt: ms(organisations.stageChangedAt),
}

export function organisationFilters(user: AuthUser, q: Partial<OrganisationListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [isNull(organisations.deletedAt), organisationScope(user)]
  if (q.type?.length) conds.push(inArray(organisations.type, q.type))
  if (q.category?.length) conds.push(inArray(organisations.category, q.category))
  if (q.stage?.length) conds.push(inArray(organisations.pipelineStage, q.stage))
  // A range of the lower(city) text_pattern_ops index (migration 0008); ILIKE could not use it.
  if (q.city) conds.push(sql`lower(${organisations.city}) like lower(${`${escapeLike(q.city)}%`})`)
  if (q.ownerId) conds.push(eq(organisations.ownerId, q.ownerId))
  if (q.active) conds.push(eq(organisations.isActive, q.active === 'true'))
  if (q.q) conds.push(ilike(organisations.name, `%${escapeLike(q.q)}%`))
  if (q.noContactDays) {
    conds.push(
      or(
        isNull(organisations.lastContactAt),
        lt(organisations.lastContactAt, sql`now() - make_interval(days => ${q.noContactDays})`),
      ),
    )
  }
  if (q.stale === 'true') conds.push(isStaleSql())
  return and(...conds.filter(Boolean))
}

// The list's order (its keyset), also followed by the CSV export's pages.
export function organisationOrder(sort: OrganisationListQuery['sort']) {
  const key = sort.replace('-', '') as keyof typeof SORT_COLUMNS
  return { key, column: SORT_COLUMNS[key], descending: sort.startsWith('-') }
}

// Organisations with their owner's name, as the list and the detail read them.
const withOwnerName = (db: Db) =>
  db
    .select({ o: organisations, ownerName: users.name })
    .from(organisations)
    .leftJoin(users, eq(users.id, organisations.ownerId))

export async function listOrganisations(db: Db, user: AuthUser, q: OrganisationListQuery) {
  const { key, column, descending } = organisationOrder(q.sort)
  const conds = [organisationFilters(user, q)]
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    const v = key === 'createdAt' || key === 'stageChangedAt' ? sql`${value}::timestamptz` : sql`${value}`
    conds.push(
      descending
        ? sql`(${column}, ${organisations.id}) < (${v}, ${id}::uuid)`
        : sql`(${column}, ${organisations.id}) > (${v}, ${id}::uuid)`,
    )
  }
  const order = descending ? [desc(column), desc(organisations.id)] : [asc(column), asc(organisations.id)]
  const rows = await withOwnerName(db)
    .where(and(...conds))
    .orderBy(...order)
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  const sortValue = (o: Row) => (key === 'amount' ? Number(o.amount ?? -1) : key === 'name' ? o.name : iso(o[key]))
  return {
    data: page.map((r) => toOrganisationDto({ ...r.o, ownerName: r.ownerName })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(sortValue(last.o), last.o.id) : null,
  }
}

// A live organisation the user may see, by id.
const liveInScope = (user: AuthUser, id: string) =>
  and(eq(organisations.id, id), isNull(organisations.deletedAt), organisationScope(user))

export async function getOrganisationRow(db: TxOrDb, user: AuthUser, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const [row] = await db.select().from(organisations).where(liveInScope(user, id))
  if (!row) throw notFound()
  return row
}

// One statement with its owner's name, as the list reads it (a detail was two round trips).
export async function getOrganisation(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await withOwnerName(db).where(liveInScope(user, id))
  if (!row) throw notFound()
  return toOrganisationDto({ ...row.o, ownerName: row.ownerName })
}

export async function createOrganisation(db: Db, user: AuthUser, input: OrganisationInput) {
  return db.transaction(async (tx) => {
    // The team follows the owner: a record always sits where its owner's manager can see it.
    const owner = input.ownerId
      ? await resolveUser(tx, user, input.ownerId)
      : { id: user.id, name: user.name, teamId: user.teamId }
    const [row] = await tx
      .insert(organisations)
      .values({
        ...input,
        country: input.country ?? 'France',
        ownerId: owner.id,
        teamId: owner.teamId,
      })
      .returning()
    await recordChange(tx, 'organisation', row!.id, user.id, 'created')
    const dto = toOrganisationDto({ ...row!, ownerName: owner.name })
    await applyStageChange(tx, user, dto, null, row!.pipelineStage)
    await emitEvent(tx, 'organisation.created', user, { organisation: dto })
    return dto
  })
}

export async function updateOrganisation(db: Db, user: AuthUser, id: string, input: Partial<OrganisationInput>) {
  if (!isUuid(id)) throw notFound()
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(liveInScope(user, id)).for('update')
    if (!before) throw notFound()
    const stageChanged = input.pipelineStage !== undefined && input.pipelineStage !== before.pipelineStage
    const { country, ownerId, ...rest } = input
    const owner = ownerId && ownerId !== before.ownerId ? await resolveUser(tx, user, ownerId) : null
    const [after] = await tx
      .update(organisations)
      .set({
        ...rest,
        ...(country !== undefined ? { country: country ?? 'France' } : {}),
        ...(owner ? { ownerId: owner.id, teamId: owner.teamId } : ownerId === null ? { ownerId: null } : {}),
        ...(stageChanged ? { stageChangedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(organisations.id, id))
      .returning()
    const dto = toOrganisationDto({ ...after!, ownerName: await userName(tx, after!.ownerId) })
    const changes = diff(before, after!)
    if (Object.keys(changes).length === 0) return dto
    await recordChange(tx, 'organisation', id, user.id, 'updated', changes)
    if (stageChanged) await applyStageChange(tx, user, dto, before.pipelineStage, after!.pipelineStage)
    await emitEvent(tx, 'organisation.updated', user, { organisation: dto, changes })
    return dto
  })
}

// To the bin: the row stays (restorable for BIN_RETENTION_DAYS) but disappears everywhere, and
// with it the links of its people, who stay. Mandates, interactions and tasks of a deleted
// organisation are hidden with it and come back on restore.
export async function deleteOrganisation(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(liveInScope(user, id))
      .returning()
    if (!row) throw notFound()
    await recordChange(tx, 'organisation', id, user.id, 'deleted')
    await emitEvent(tx, 'organisation.deleted', user, {
      organisation: toOrganisationDto({ ...row, ownerName: await userName(tx, row.ownerId) }),
    })
  })
}

// A copy for a subsidiary: same identity fields, its own pipeline (back to PROSPECT, no amount,
// no notes), with the caller's overrides.
export async function duplicateOrganisation(db: Db, user: AuthUser, id: string, overrides: Partial<OrganisationInput>) {
  const source = await getOrganisationRow(db, user, id)
  return createOrganisation(db, user, {
    name: `${source.name} (copie)`,
    type: source.type,
    category: source.category,
    email: source.email,
    phone: source.phone,
    website: source.website,
    address: source.address,
    postalCode: source.postalCode,
    city: source.city,
    country: source.country,
    isActive: source.isActive,
    // The source's owner keeps it if they may (active, in the caller's team); otherwise the caller.
    ownerId: source.ownerId && (await ownerAllowed(db, user, source.ownerId)) ? source.ownerId : undefined,
    pipelineStage: 'PROSPECT',
    ...overrides,
  } as OrganisationInput)
}

const ownerAllowed = (db: Db, user: AuthUser, id: string) =>
  resolveUser(db, user, id).then(
    () => true,
    () => false,
  )
