// Mandates: numbered M-YYYY-NNN in the creating transaction, status moves checked against
// MANDATE_TRANSITIONS, signing recorded and announced (mandat.signed).
import { and, asc, desc, eq, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { mandateCounters, mandateProducts, mandates, organisations, products, users } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { mandateScope, organisationNameIfVisible, organisationScope } from '../permissions/scope.ts'
import { decodeCursor, encodeCursor, iso, ms } from '../shared/cursor.ts'
import { badRequest, conflict, notFound } from '../http/problem.ts'
import { emitEvent } from '../events/outbox.ts'
import { diff, recordChange } from '../shared/history.ts'
import { resolveUser, userName } from '../shared/owner.ts'
import { escapeLike } from '../shared/like.ts'
import { isUuid, type Tx, type TxOrDb } from '../shared/tx.ts'
import { MANDATE_TRANSITIONS, type MandateCreate, type MandateListQuery, type MandateUpdate } from './mandate.schema.ts'
import type { MandateStatus } from '../db/enums.ts'
import { labels } from '../../app/i18n/fr.ts'

type Row = typeof mandates.$inferSelect
type ProductRef = { id: string; name: string; isin: string }
const SIGNED: readonly MandateStatus[] = ['SIGNE', 'ACTIF', 'RESILIE', 'EXPIRE']

export function toMandateDto(
  row: Row,
  extra: { organisationName: string | null; ownerName: string | null; products: ProductRef[] },
) {
  return {
    id: row.id,
    number: row.number,
    organisationId: row.organisationId,
    organisationName: extra.organisationName,
    status: row.status,
    allowedTransitions: [...MANDATE_TRANSITIONS[row.status]],
    signedAt: iso(row.signedAt),
    startDate: row.startDate,
    endDate: row.endDate,
    amount: row.amount,
    notes: row.notes,
    ownerId: row.ownerId,
    ownerName: extra.ownerName,
    teamId: row.teamId,
    products: extra.products,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  }
}
export type MandateDto = ReturnType<typeof toMandateDto>

// A mandate of a deleted organisation is hidden with it.
const visible = (user: AuthUser) =>
  and(
    isNull(mandates.deletedAt),
    mandateScope(user),
    sql`exists (select 1 from ${organisations} o where o.id = ${mandates.organisationId} and o.deleted_at is null)`,
  )

// A mandate's products by name (the id orders two of the same name the same way every time).
const PRODUCT_ORDER = sql`${products.name}, ${products.id}`

async function productsOf(db: TxOrDb, ids: string[]) {
  const map = new Map<string, ProductRef[]>()
  if (ids.length === 0) return map
  const rows = await db
    .select({ mandateId: mandateProducts.mandateId, id: products.id, name: products.name, isin: products.isin })
    .from(mandateProducts)
    .innerJoin(products, eq(products.id, mandateProducts.productId))
    .where(inArray(mandateProducts.mandateId, ids))
    .orderBy(PRODUCT_ORDER)
  for (const { mandateId, ...p } of rows) map.set(mandateId, [...(map.get(mandateId) ?? []), p])
  return map
}

// The mandate's products as "name (ISIN)", joined by ", " in productsOf's order (the CSV's cell).
export const productLabels = sql<string | null>`(select string_agg(${products.name} || ' (' || ${products.isin} || ')',
    ', ' order by ${PRODUCT_ORDER})
  from ${mandateProducts} join ${products} on ${products.id} = ${mandateProducts.productId}
  where ${mandateProducts.mandateId} = ${mandates.id})`

// The list's conditions (scope included), shared with the CSV export.
export function mandateFilters(user: AuthUser, q: Partial<MandateListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [visible(user)]
  if (q.status?.length) conds.push(inArray(mandates.status, q.status))
  if (q.organisationId) conds.push(eq(mandates.organisationId, q.organisationId))
  if (q.ownerId) conds.push(eq(mandates.ownerId, q.ownerId))
  if (q.q) conds.push(ilike(mandates.number, `%${escapeLike(q.q)}%`))
  if (q.productId)
    conds.push(
      sql`exists (select 1 from ${mandateProducts} mp
        where mp.mandate_id = ${mandates.id} and mp.product_id = ${q.productId})`,
    )
  return and(...conds)
}

// The list's keyset, (number, id) or (createdAt, id), also followed by the CSV export.
export function mandateOrder(sort: MandateListQuery['sort']) {
  const byNumber = sort.endsWith('number')
  const column = byNumber ? sql`${mandates.number}` : ms(mandates.createdAt)
  return { byNumber, column, descending: sort.startsWith('-') }
}

export async function listMandates(db: Db, user: AuthUser, q: MandateListQuery) {
  const { byNumber, column, descending } = mandateOrder(q.sort)
  const conds = [mandateFilters(user, q)]
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    const v = byNumber ? sql`${String(value)}::text` : sql`${String(value)}::timestamptz`
    conds.push(
      descending
        ? sql`(${column}, ${mandates.id}) < (${v}, ${id}::uuid)`
        : sql`(${column}, ${mandates.id}) > (${v}, ${id}::uuid)`,
    )
  }
  const dir = descending ? desc : asc
  const rows = await db
    .select({ m: mandates, organisationName: organisationNameIfVisible(user), ownerName: users.name })
    .from(mandates)
    .innerJoin(organisations, eq(organisations.id, mandates.organisationId))
    .leftJoin(users, eq(users.id, mandates.ownerId))
    .where(and(...conds))
    .orderBy(dir(column), dir(mandates.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const prods = await productsOf(
    db,
    page.map((r) => r.m.id),
  )
  const last = page.at(-1)?.m
  return {
    data: page.map((r) =>
      toMandateDto(r.m, {
        organisationName: r.organisationName,
        ownerName: r.ownerName,
        products: prods.get(r.m.id) ?? [],
      }),
    ),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor(byNumber ? last.number : iso(last.createdAt), last.id) : null,
  }
}

export async function mandateDto(db: TxOrDb, user: AuthUser, row: Row) {
  const [org] = await db
    .select({ name: organisationNameIfVisible(user) })
    .from(organisations)
    .where(eq(organisations.id, row.organisationId))
  const prods = await productsOf(db, [row.id])
  return toMandateDto(row, {
    organisationName: org?.name ?? null,
    ownerName: await userName(db, row.ownerId),
    products: prods.get(row.id) ?? [],
  })
}

export async function getMandateRow(db: TxOrDb, user: AuthUser, id: string, { forUpdate = false } = {}) {
  if (!isUuid(id)) throw notFound()
  const query = db
    .select()
    .from(mandates)
    .where(and(eq(mandates.id, id), visible(user)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

export const getMandate = async (db: Db, user: AuthUser, id: string) =>
  mandateDto(db, user, await getMandateRow(db, user, id))

// The next number of the year. The upsert takes the counter row's lock until commit, so two
// creations at once get consecutive numbers and a rolled-back creation leaves no gap.
async function nextNumber(tx: Tx, year: number) {
  const [row] = await tx
    .insert(mandateCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: mandateCounters.year, set: { last: sql`${mandateCounters.last} + 1` } })
    .returning({ last: mandateCounters.last })
  return `M-${year}-${String(row!.last).padStart(3, '0')}`
}

async function setProducts(tx: Tx, mandateId: string, ids: string[]) {
  const unique = [...new Set(ids)]
  if (unique.length) {
    const found = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(inArray(products.id, unique), isNull(products.deletedAt)))
    const known = new Set(found.map((p) => p.id))
    const errors = ids.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `productIds.${i}`, message: 'Produit introuvable.' }],
    )
    if (errors.length) throw badRequest('Données invalides.', errors)
  }
  await tx.delete(mandateProducts).where(eq(mandateProducts.mandateId, mandateId))
  if (unique.length) await tx.insert(mandateProducts).values(unique.map((productId) => ({ mandateId, productId })))
}

export async function createMandate(db: Db, user: AuthUser, input: MandateCreate) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), isNull(organisations.deletedAt), organisationScope(user)))
    if (!org) throw badRequest('Données invalides.', [{ path: 'organisationId', message: 'Organisation introuvable.' }])
    const owner = input.ownerId ? await resolveUser(tx, user, input.ownerId) : { id: user.id }
    const { productIds, ...fields } = input
    const [row] = await tx
      .insert(mandates)
      .values({
        ...fields,
        number: await nextNumber(tx, new Date().getUTCFullYear()),
        ownerId: owner.id,
        // The mandate sits with its organisation's team, whoever drafts it.
        teamId: org.teamId,
      })
      .returning()
    if (productIds) await setProducts(tx, row!.id, productIds)
    await recordChange(tx, 'mandate', row!.id, user.id, 'created')
    const dto = await mandateDto(tx, user, row!)
    await emitEvent(tx, 'mandat.created', user, { mandate: dto })
    return dto
  })
}

export function checkTransition(from: MandateStatus, to: MandateStatus) {
  if (from === to || MANDATE_TRANSITIONS[from].includes(to)) return
  const next = MANDATE_TRANSITIONS[from].map((s) => labels.mandateStatus[s]).join(', ') || 'aucun (statut final)'
  throw conflict(
    `Passage impossible de « ${labels.mandateStatus[from]} » à « ${labels.mandateStatus[to]} ». ` +
      `Statuts possibles : ${next}.`,
    [{ path: 'status', message: `Transition ${from} → ${to} interdite.` }],
  )
}

export async function updateMandate(db: Db, user: AuthUser, id: string, input: MandateUpdate) {
  return db.transaction(async (tx) => {
    const before = await getMandateRow(tx, user, id, { forUpdate: true })
    const status = input.status ?? before.status
    checkTransition(before.status, status)
    const signing = status === 'SIGNE' && before.status !== 'SIGNE'
    if (input.signedAt && !signing && !SIGNED.includes(status)) {
      throw badRequest('Données invalides.', [
        { path: 'signedAt', message: 'Un mandat non signé n’a pas de date de signature.' },
      ])
    }
    const startDate = input.startDate === undefined ? before.startDate : input.startDate
    const endDate = input.endDate === undefined ? before.endDate : input.endDate
    if (startDate && endDate && endDate < startDate) {
      throw badRequest('Données invalides.', [
        { path: 'endDate', message: 'La date de fin doit suivre la date de début.' },
      ])
    }
    const { productIds, ownerId, signedAt, ...fields } = input
    const owner = ownerId && ownerId !== before.ownerId ? await resolveUser(tx, user, ownerId) : null
    const [after] = await tx
      .update(mandates)
      .set({
        ...fields,
        ...(owner ? { ownerId: owner.id } : ownerId === null ? { ownerId: null } : {}),
        ...(signing
          ? { signedAt: signedAt ? new Date(signedAt) : new Date() }
          : signedAt !== undefined
            ? { signedAt: signedAt ? new Date(signedAt) : null }
            : {}),
        updatedAt: new Date(),
      })
      .where(eq(mandates.id, id))
      .returning()
    const changes: Record<string, { from: unknown; to: unknown }> = diff(before, after!)
    if (productIds) {
      const old =
        (await productsOf(tx, [id]))
          .get(id)
          ?.map((p) => p.id)
          .sort() ?? []
      await setProducts(tx, id, productIds)
      const now = [...new Set(productIds)].sort()
      if (old.join() !== now.join()) changes.productIds = { from: old, to: now }
    }
    const dto = await mandateDto(tx, user, after!)
    if (Object.keys(changes).length === 0) return dto
    await recordChange(tx, 'mandate', id, user.id, 'updated', changes)
    await emitEvent(tx, 'mandat.updated', user, { mandate: dto, changes })
    if (signing) await emitEvent(tx, 'mandat.signed', user, { mandate: dto })
    return dto
  })
}

export async function deleteMandate(db: Db, user: AuthUser, id: string) {
  await db.transaction(async (tx) => {
    const row = await getMandateRow(tx, user, id, { forUpdate: true })
    const [deleted] = await tx
      .update(mandates)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(eq(mandates.id, row.id))
      .returning()
    await recordChange(tx, 'mandate', id, user.id, 'deleted')
    await emitEvent(tx, 'mandat.deleted', user, { mandate: await mandateDto(tx, user, deleted!) })
  })
}
