// Products: one catalogue for every team. The ISIN is unique, including products in the bin.
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { organisations, products } from '../db/schema.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisationScope } from '../permissions/scope.ts'
import { decodeCursor, encodeCursor, iso, ms } from '../shared/cursor.ts'
import { badRequest, conflict, notFound } from '../http/problem.ts'
import { diff, recordChange } from '../shared/history.ts'
import { emitEvent } from '../events/outbox.ts'
import { escapeLike } from '../shared/like.ts'
import { isUniqueViolation, isUuid, type TxOrDb } from '../shared/tx.ts'
import type { ProductInput, ProductListQuery } from './product.schema.ts'

type Row = typeof products.$inferSelect

export function toProductDto(row: Row & { issuerName?: string | null }) {
  return {
    id: row.id,
    name: row.name,
    isin: row.isin,
    category: row.category,
    issuerId: row.issuerId,
    issuerName: row.issuerName ?? null,
    description: row.description,
    isActive: row.isActive,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  }
}

// The catalogue is shared, but its issuer's name is shown only to who may see that organisation
// (a sales user saw the names of 8-9 of 12 issuers outside their scope).
const issuerJoin = (user: AuthUser) =>
  and(eq(organisations.id, products.issuerId), isNull(organisations.deletedAt), organisationScope(user))

export async function listProducts(db: Db, user: AuthUser, q: ProductListQuery) {
  const descending = q.sort.startsWith('-')
  const byName = q.sort.endsWith('name')
  const column = byName ? sql`${products.name}` : ms(products.createdAt)
  const conds: (SQL | undefined)[] = [isNull(products.deletedAt)]
  if (q.q)
    conds.push(
      or(ilike(products.name, `%${escapeLike(q.q)}%`), ilike(products.isin, `${escapeLike(q.q.toUpperCase())}%`)),
    )
  if (q.category?.length) conds.push(inArray(products.category, q.category))
  const issuer = q.issuerId ?? q.organisationId
  if (issuer) conds.push(eq(products.issuerId, issuer))
  if (q.active) conds.push(eq(products.isActive, q.active === 'true'))
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    const v = byName ? sql`${String(value)}::text` : sql`${String(value)}::timestamptz`
    conds.push(
      descending
        ? sql`(${column}, ${products.id}) < (${v}, ${id}::uuid)`
        : sql`(${column}, ${products.id}) > (${v}, ${id}::uuid)`,
    )
  }
  const dir = descending ? desc : asc
  const rows = await db
    .select({ p: products, issuerName: organisations.name })
    .from(products)
    .leftJoin(organisations, issuerJoin(user))
    .where(and(...conds))
    .orderBy(dir(column), dir(products.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)?.p
  return {
    data: page.map((r) => toProductDto({ ...r.p, issuerName: r.issuerName })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(byName ? last.name : iso(last.createdAt), last.id) : null,
  }
}

// `inBin`: the record just deleted, for its event.
export async function getProduct(db: TxOrDb, id: string, user: AuthUser, { inBin = false } = {}) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db
    .select({ p: products, issuerName: organisations.name })
    .from(products)
    .leftJoin(organisations, issuerJoin(user))
    .where(and(eq(products.id, id), inBin ? undefined : isNull(products.deletedAt)))
  if (!row) throw notFound()
  return toProductDto({ ...row.p, issuerName: row.issuerName })
}

// The issuer is chosen among the organisations the caller can see.
async function checkIssuer(tx: TxOrDb, user: AuthUser, issuerId: string | null | undefined) {
  if (!issuerId) return
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, issuerId), isNull(organisations.deletedAt), organisationScope(user)))
  if (!org)
    throw badRequest('Données invalides.', [{ path: 'issuerId', message: 'Organisation émettrice introuvable.' }])
}

async function checkIsinFree(tx: TxOrDb, isin: string, exceptId?: string) {
  const [other] = await tx
    .select({ id: products.id, deletedAt: products.deletedAt })
    .from(products)
    .where(eq(products.isin, isin))
  if (other && other.id !== exceptId) throw isinTaken(other.deletedAt !== null)
}
const isinTaken = (inBin = false) =>
  conflict(
    inBin ? 'Un produit de la corbeille porte déjà cet ISIN : restaurez-le plutôt.' : 'Un produit porte déjà cet ISIN.',
    [{ path: 'isin', message: 'ISIN déjà utilisé.' }],
  )

// Two creations with one ISIN at the same instant both pass the check; the unique index decides.
async function withIsinGuard<T>(work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw isinTaken()
    throw error
  }
}

export async function createProduct(db: Db, user: AuthUser, input: ProductInput) {
  return withIsinGuard(() =>
    db.transaction(async (tx) => {
      await checkIssuer(tx, user, input.issuerId)
      await checkIsinFree(tx, input.isin)
      const [row] = await tx.insert(products).values(input).returning()
      await recordChange(tx, 'product', row!.id, user.id, 'created')
      const dto = await getProduct(tx, row!.id, user)
      await emitEvent(tx, 'product.created', user, { product: dto })
      return dto
    }),
  )
}

export async function updateProduct(db: Db, user: AuthUser, id: string, input: Partial<ProductInput>) {
  if (!isUuid(id)) throw notFound()
  return withIsinGuard(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(products)
        .where(and(eq(products.id, id), isNull(products.deletedAt)))
        .for('update')
      if (!before) throw notFound()
      if (input.issuerId && input.issuerId !== before.issuerId) await checkIssuer(tx, user, input.issuerId)
      if (input.isin && input.isin !== before.isin) await checkIsinFree(tx, input.isin, id)
      const [after] = await tx
        .update(products)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(products.id, id))
        .returning()
      const changes = diff(before, after!)
      const dto = await getProduct(tx, id, user)
      if (Object.keys(changes).length) {
        await recordChange(tx, 'product', id, user.id, 'updated', changes)
        await emitEvent(tx, 'product.updated', user, { product: dto, changes })
      }
      return dto
    }),
  )
}

export async function deleteProduct(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(products.id, id), isNull(products.deletedAt)))
      .returning()
    if (!row) throw notFound()
    await recordChange(tx, 'product', id, user.id, 'deleted')
    await emitEvent(tx, 'product.deleted', user, { product: await getProduct(tx, id, user, { inBin: true }) })
  })
}
