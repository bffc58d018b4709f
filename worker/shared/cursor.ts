// Opaque keyset cursors: base64url of [sortValue, id]. A tampered cursor is a 400, not a 500.
import { badRequest } from '../http/problem.ts'
import { sql } from 'drizzle-orm'
import { hasForbiddenCharacter } from './text.ts'
import { isUuid } from './tx.ts'

// UTF-8 bytes, not btoa on the string: a name sorted on may hold any character (’, €, 日).
const toBase64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
const fromBase64 = (b64: string) =>
  new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))

export function encodeCursor(value: unknown, id: string): string {
  return toBase64(JSON.stringify([value, id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

// A sort value a list could have written: a short clean string, a finite number, null, or a
// short list of those. Anything else was forged, and would reach Postgres as a bad cast.
const isSortValue = (v: unknown, depth = 0): boolean =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= 500 && !hasForbiddenCharacter(v)) ||
  (depth === 0 && Array.isArray(v) && v.length <= 4 && v.every((x) => isSortValue(x, 1)))

export function decodeCursor(cursor: string): [string | number | null, string] {
  try {
    const parsed = JSON.parse(fromBase64(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      isUuid(parsed[1]) &&
      isSortValue(parsed[0])
    ) {
      return parsed as [string | number | null, string]
    }
  } catch {}
  throw badRequest('Curseur de pagination invalide.', [{ path: 'cursor', message: 'Curseur invalide.' }])
}

export const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString())

// Postgres keeps microseconds, JavaScript dates milliseconds: a keyset on a timestamp compares
// at millisecond precision, or rows written in one transaction would be skipped between pages.
export const ms = (column: unknown) => sql`date_trunc('milliseconds', ${column})`
