// The transaction handle drizzle passes to db.transaction callbacks, or the db itself.
import type { Db } from '../db/client.ts'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type TxOrDb = Tx | Db

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)

// Postgres unique violation (e.g. two products with one ISIN created at the same instant).
export const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505')
