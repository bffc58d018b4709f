// Opaque keyset cursors: base64url of [sortValue, id]. A tampered cursor is a 400, not a 500.
import { badRequest } from '../http/problem.ts'
import { sql } from 'drizzle-orm'

export function encodeCursor(value: unknown, id: string): string {
  return btoa(JSON.stringify([value, id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

export function decodeCursor(cursor: string): [string | number | null, string] {
  try {
    const parsed = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
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
