// French spreadsheet values to what the API's schemas accept: `1 234 567,50 €` → `1234567.50`,
// `31/12/2025` → `2025-12-31`, `Signé` → `SIGNE`, `oui` → true. Validation itself stays with the
// API's zod schemas; this only reads the formats people type.
import { fold } from '../search/search-text.ts'
import type { ImportField } from './import-fields.ts'

// Spaces Excel and French typists use as thousands separators: normal, no-break, narrow no-break.
const SPACES = /[\s\u00a0\u202f\u2007]/g

export function normaliseMoney(raw: string): string {
  let v = raw.replace(SPACES, '').replace(/€|eur(os?)?$/i, '')
  const comma = v.lastIndexOf(',')
  const dot = v.lastIndexOf('.')
  if (comma !== -1 && dot !== -1) {
    // The last separator is the decimal one; the other groups thousands.
    v = comma > dot ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '')
  } else if (comma !== -1) {
    v = (v.match(/,/g)?.length ?? 0) > 1 || /,\d{3}$/.test(v) ? v.replace(/,/g, '') : v.replace(',', '.')
  } else if (dot !== -1 && (v.match(/\./g)?.length ?? 0) > 1) {
    v = v.replace(/\./g, '')
  }
  return v
}

// jj/mm/aaaa (or jj-mm-aaaa, jj.mm.aaaa, two-digit years) and ISO dates to AAAA-MM-JJ.
export function normaliseDate(raw: string): string {
  const v = raw.trim()
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v)
  if (fr) {
    const year = fr[3]!.length === 2 ? 2000 + Number(fr[3]) : Number(fr[3])
    return `${year}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`
  }
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v
}

const enumKey = (v: string) =>
  fold(v)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase()

export function normaliseEnum(raw: string, values: readonly string[]): string {
  const key = enumKey(raw)
  return values.find((v) => v === key) ?? raw.trim()
}

const TRUE = new Set(['oui', 'o', 'vrai', 'true', 'yes', 'y', '1', 'x', 'actif', 'active'])
const FALSE = new Set(['non', 'n', 'faux', 'false', 'no', '0', 'inactif', 'inactive'])

export function normaliseBoolean(raw: string): boolean | string {
  const v = fold(raw.trim())
  return TRUE.has(v) ? true : FALSE.has(v) ? false : raw
}

// A French number typed in a numeric cell lost its leading zero (0102030405 → 102030405).
export function normalisePhone(raw: string): string {
  const v = raw.trim()
  return /^[1-9]\d{8}$/.test(v) ? `0${v}` : v
}

// A numeric cell drops the leading zero of Ain, Aisne… postal codes (01000 → 1000).
export const normalisePostalCode = (raw: string) => (/^\d{4}$/.test(raw.trim()) ? `0${raw.trim()}` : raw.trim())

// NUL and other control characters (from a broken export) are not text Postgres stores.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g

export function normaliseValue(field: ImportField, raw: string): unknown {
  const v = raw.replace(CONTROL, '').trim()
  if (v === '') return undefined
  switch (field.kind) {
    case 'money':
      return normaliseMoney(v)
    case 'enum':
      return normaliseEnum(v, field.values ?? [])
    case 'boolean':
      return normaliseBoolean(v)
    case 'phone':
      return normalisePhone(v)
    case 'postalCode':
      return normalisePostalCode(v)
    case 'email':
      return v.toLowerCase()
    default:
      return v
  }
}
