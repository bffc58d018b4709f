// Existing records a chunk's rows correspond to, found within the importer's scope only (an
// import never sees, so never updates, a record its user cannot open). One query per rule and
// chunk, never one per row.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import { organisations, people, users } from '../db/schema.ts'
import { organisationScope, personScope } from '../permissions/scope.ts'
import type { TxOrDb } from '../shared/tx.ts'
import { firmDomain, sameCity, type Evaluated } from './import-evaluate.ts'
import type { ImportEntity } from './import-fields.ts'

export type Match = { id?: string; error?: string }
const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`

async function byName(tx: TxOrDb, user: AuthUser, names: string[]) {
  if (!names.length) return new Map<string, { id: string; city: string | null }[]>()
  const rows = await tx.execute<{ raw: string; id: string; city: string | null }>(sql`
    select n.raw, organisations.id, organisations.city from unnest(${textArray(names)}) as n(raw)
    join organisations on organisations.search_name = crm_search_name(n.raw)
    where organisations.deleted_at is null and ${organisationScope(user) ?? sql`true`}`)
  const found = new Map<string, { id: string; city: string | null }[]>()
  for (const r of rows.rows) found.set(r.raw, [...(found.get(r.raw) ?? []), { id: r.id, city: r.city }])
  return found
}

// Organisations: by the e-mail's firm domain (one record), else by name + city (one record).
async function matchOrganisations(tx: TxOrDb, user: AuthUser, rows: Evaluated[]) {
  const domains = [...new Set(rows.map((r) => firmDomain(r.values.email)).filter(Boolean))] as string[]
  const byDomain = new Map<string, string[]>()
  if (domains.length) {
    const domain = sql<string>`lower(split_part(${organisations.email}, '@', 2))`
    const found = await tx
      .select({ id: organisations.id, domain })
      .from(organisations)
      .where(and(isNull(organisations.deletedAt), sql`${domain} in ${domains}`, organisationScope(user)))
    for (const f of found) byDomain.set(f.domain, [...(byDomain.get(f.domain) ?? []), f.id])
  }
  const names = await byName(tx, user, [...new Set(rows.map((r) => String(r.values.name ?? '')).filter(Boolean))])
  const result = new Map<number, Match>()
  for (const r of rows) {
    const d = firmDomain(r.values.email)
    const hits = d ? byDomain.get(d) : undefined
    if (hits?.length === 1) result.set(r.line, { id: hits[0] })
    else if (hits && hits.length > 1) result.set(r.line, { error: `Plusieurs organisations ont le domaine ${d}.` })
    else {
      const same = (names.get(String(r.values.name ?? '')) ?? []).filter((o) => sameCity(o.city, r.values.city))
      if (same.length === 1) result.set(r.line, { id: same[0]!.id })
      else if (same.length > 1) result.set(r.line, { error: 'Plusieurs organisations ont ce nom dans cette ville.' })
      else result.set(r.line, {})
    }
  }
  return result
}

async function matchPeople(tx: TxOrDb, user: AuthUser, rows: Evaluated[]) {
  const emails = [...new Set(rows.map((r) => r.values.personalEmail).filter(Boolean))] as string[]
  const byEmail = new Map<string, string[]>()
  if (emails.length) {
    const email = sql<string>`lower(${people.personalEmail})`
    const found = await tx
      .select({ id: people.id, email })
      .from(people)
      .where(and(isNull(people.deletedAt), sql`${email} in ${emails}`, personScope(user)))
    for (const f of found) byEmail.set(f.email, [...(byEmail.get(f.email) ?? []), f.id])
  }
  const result = new Map<number, Match>()
  for (const r of rows) {
    const hits = byEmail.get(String(r.values.personalEmail ?? ''))
    if (hits && hits.length > 1) result.set(r.line, { error: 'Plusieurs personnes ont cet e-mail.' })
    else result.set(r.line, hits ? { id: hits[0] } : {})
  }
  return result
}

export const matchRecords = (tx: TxOrDb, user: AuthUser, entity: ImportEntity, rows: Evaluated[]) =>
  entity === 'organisations' ? matchOrganisations(tx, user, rows) : matchPeople(tx, user, rows)

// A person's organisation_nom: one organisation of that name the importer can see.
export async function resolveOrganisations(tx: TxOrDb, user: AuthUser, rows: Evaluated[]) {
  const names = await byName(tx, user, [...new Set(rows.map((r) => r.organisationName ?? '').filter(Boolean))])
  const result = new Map<number, Match>()
  for (const r of rows) {
    if (!r.organisationName) continue
    const hits = names.get(r.organisationName) ?? []
    if (hits.length === 1) result.set(r.line, { id: hits[0]!.id })
    else if (hits.length > 1) result.set(r.line, { error: `${hits.length} organisations portent ce nom.` })
    else result.set(r.line, { error: 'Organisation non trouvée.' })
  }
  return result
}

export type OwnerRef = { id: string; teamId: string | null }
// The `responsable` column (a user's e-mail): admins may name anyone active, managers a member of
// their team; other roles may only name themselves (they cannot assign owners in the app either).
export async function resolveOwners(tx: TxOrDb, user: AuthUser, rows: Evaluated[]) {
  const emails = [...new Set(rows.map((r) => r.owner).filter(Boolean))] as string[]
  const found = emails.length
    ? await tx
        .select({ id: users.id, email: sql<string>`lower(${users.email})`, teamId: users.teamId })
        .from(users)
        .where(and(eq(users.isActive, true), sql`lower(${users.email}) in ${emails}`))
    : []
  const byEmail = new Map(found.map((u) => [u.email, u]))
  const result = new Map<number, { owner?: OwnerRef; error?: string }>()
  for (const r of rows) {
    if (!r.owner) continue
    const u = byEmail.get(r.owner)
    const allowed =
      u && (user.role === 'admin' || (user.role === 'manager' && u.teamId === user.teamId) || u.id === user.id)
    result.set(
      r.line,
      allowed ? { owner: { id: u.id, teamId: u.teamId } } : { error: 'Responsable inconnu ou hors de votre équipe.' },
    )
  }
  return result
}

export const scopeOf = (entity: ImportEntity, user: AuthUser): SQL | undefined =>
  entity === 'organisations' ? organisationScope(user) : personScope(user)
