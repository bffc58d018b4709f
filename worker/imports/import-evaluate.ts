// One file row → the values the API would store, or the reasons it cannot: mapped columns,
// French formats read (normalise.ts), then the API's own zod schemas, field by field.
import type { z } from 'zod'
import { OrganisationInput } from '../organisations/organisation.schema.ts'
import { PersonInput } from '../people/person.schema.ts'
import { fold } from '../search/search-text.ts'
import { fieldOf, IMPORT_FIELDS, type ImportEntity } from './import-fields.ts'
import { normaliseValue } from './normalise.ts'

export type RowError = { column: string | null; message: string }
export type Evaluated = {
  line: number
  values: Record<string, unknown>
  // Columns that are not record fields: resolved against the database per chunk.
  owner?: string
  organisationName?: string
  role?: string
  errors: RowError[]
}

const SCHEMAS: Record<ImportEntity, z.ZodObject> = {
  organisations: OrganisationInput.omit({ ownerId: true }).partial() as unknown as z.ZodObject,
  people: PersonInput.omit({ ownerId: true, organisations: true }).partial() as unknown as z.ZodObject,
}
const EXTRAS = new Set(['owner', 'organisationName', 'role'])

export function evaluateRow(
  entity: ImportEntity,
  headers: string[],
  mapping: (string | null)[],
  line: number,
  cells: string[],
): Evaluated {
  const raw: Record<string, unknown> = {}
  const columnOf: Record<string, string> = {}
  const out: Evaluated = { line, values: {}, errors: [] }
  mapping.forEach((key, i) => {
    if (!key) return
    const field = fieldOf(entity, key)
    if (!field) return
    const value = normaliseValue(field, cells[i] ?? '')
    columnOf[key] = headers[i] ?? key
    if (value === undefined) return
    if (EXTRAS.has(key)) (out as Record<string, unknown>)[key] = String(value)
    else raw[key] = value
  })
  const parsed = SCHEMAS[entity].safeParse(raw)
  if (parsed.success) {
    out.values = Object.fromEntries(Object.entries(parsed.data as Record<string, unknown>).filter(([, v]) => v != null))
  } else {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      out.errors.push({ column: columnOf[key] ?? null, message: issue.message })
    }
  }
  return out
}

// What a new record needs and the row does not give (named by the template's column).
export function missingRequired(entity: ImportEntity, row: Evaluated, mapping: (string | null)[]): RowError[] {
  return IMPORT_FIELDS[entity]
    .filter((f) => f.required && row.values[f.key] === undefined)
    .map((f) => ({
      column: f.label,
      message: mapping.includes(f.key) ? 'Ce champ est obligatoire.' : `Colonne manquante : ${f.label.toLowerCase()}.`,
    }))
}

// Webmail domains say nothing about which firm a person works for: never a matching key.
const WEBMAIL = new Set(
  [
    'gmail.com googlemail.com hotmail.com hotmail.fr outlook.com outlook.fr live.com live.fr msn.com yahoo.com',
    'yahoo.fr orange.fr wanadoo.fr free.fr sfr.fr laposte.net neuf.fr bbox.fr icloud.com me.com aol.com gmx.fr',
    'gmx.com protonmail.com proton.me numericable.fr club-internet.fr',
  ]
    .join(' ')
    .split(' '),
)
export function firmDomain(email: unknown): string | null {
  if (typeof email !== 'string' || !email.includes('@')) return null
  const domain = email.split('@')[1]!.toLowerCase()
  return WEBMAIL.has(domain) ? null : domain
}
const words = (v: unknown) =>
  typeof v === 'string'
    ? fold(v)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .join(' ')
    : ''

// The key two rows of one file are "the same record" by (docs/imports.md, matching rules).
export function duplicateKey(entity: ImportEntity, row: Evaluated): string | null {
  if (row.errors.length) return null
  if (entity === 'organisations') {
    const domain = firmDomain(row.values.email)
    if (domain) return `@${domain}`
    return row.values.name ? `${words(row.values.name)}|${words(row.values.city)}` : null
  }
  const email = row.values.personalEmail
  if (typeof email === 'string') return `@${email}`
  return row.values.lastName
    ? `${words(row.values.firstName)} ${words(row.values.lastName)}|${words(row.organisationName)}`
    : null
}

export const sameCity = (a: unknown, b: unknown) => words(a) === words(b)
