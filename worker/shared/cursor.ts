// Opaque keyset cursors: base64url of [sortValue, id]. A tampered cursor is a 400, not a 500.
import { badRequest } from '../http/problem.ts'
import { sql } from 'drizzle-orm'
import { hasForbiddenCharacter } from './text.ts'
import { isUuid } from './tx.ts'

// UTF-8 bytes, not btoa on the string: a name sorted on may hold any character (’, €, 日).
const toBase64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
const fromBase64 = (b64: string) =>
  new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))

const invalidCursor = () =>
  badRequest('Curseur de pagination invalide.', [{ path: 'cursor', message: 'Curseur invalide.' }])

// Any JSON value as an opaque base64url token; `isValid` checks what comes back before use.
export const encodeOpaque = (value: unknown) =>
  toBase64(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

export function decodeOpaque<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  try {
    const parsed: unknown = JSON.parse(fromBase64(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (isValid(parsed)) return parsed
  } catch {}
  throw invalidCursor()
}

export const encodeCursor = (value: unknown, id: string): string => encodeOpaque([value, id])

// A sort value a list could have written: a short clean string, a finite number, null, or a
// short list of those. Anything else was forged, and would reach Postgres as a bad cast.
const isSortValue = (v: unknown, depth = 0): boolean =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= 500 && !hasForbiddenCharacter(v)) ||
  (depth === 0 && Array.isArray(v) && v.length <= 4 && v.every((x) => isSortValue(x, 1)))

type Keyset = [string | number | null, string]
const isKeyset = (v: unknown): v is Keyset =>
  Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && isUuid(v[1]) && isSortValue(v[0])

export const decodeCursor = (cursor: string): Keyset => decodeOpaque(cursor, isKeyset)

export const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString())

// Postgres keeps microseconds, JavaScript dates milliseconds: a keyset on a timestamp compares
// at millisecond precision, or rows written in one transaction would be skipped between pages.
// Truncated in UTC and back (the same instant: a millisecond is one in every zone), because only
// that form is immutable, so the lists' indexes can hold it (migration 0014): `date_trunc` on a
// timestamptz depends on the session's zone, and its three-argument form is immutable only from
// Postgres 16.
export const ms = (column: unknown) =>
  sql`(date_trunc('milliseconds', ${column} at time zone 'UTC') at time zone 'UTC')`

// A time keyset's cursor (a time at the millisecond, an id) as the row value its key compares with.
export function timeKeyset(cursor: string) {
  const [at, id] = decodeCursor(cursor)
  return sql`(${String(at)}::timestamptz, ${id}::uuid)`
}
