// Existing records a chunk's rows correspond to, found within the importer's scope only (an
// import never sees, so never updates, a record its user cannot open). One query per rule and
// chunk, never one per row.
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import { users } from '../db/schema.ts'
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

// Each key is looked up on its own index (a lateral subquery fenced by OFFSET 0 has nothing but
// the key to choose a plan on), then the scope filters the few candidates. Joined whole, the
// planner hashed every organisation of the team once per chunk (PGlite never runs ANALYZE): 0.3 to
// 1.1 s per chunk at 10,000 organisations and ten times that at 100,000 (bench/imports.bench.ts).
async function byName(tx: TxOrDb, user: AuthUser, names: string[]) {
  if (!names.length) return new Map<string, { id: string; city: string | null }[]>()
  const rows = await tx.execute<{ raw: string; id: string; city: string | null }>(sql`
    select n.raw, organisations.id, organisations.city from unnest(${textArray(names)}) as n(raw)
    cross join lateral (select * from organisations
      where organisations.search_name collate "C" = crm_search_name(n.raw) offset 0) as organisations
    where organisations.deleted_at is null and ${organisationScope(user) ?? sql`true`}`)
  const found = new Map<string, { id: string; city: string | null }[]>()
  for (const r of rows.rows) found.set(r.raw, [...(found.get(r.raw) ?? []), { id: r.id, city: r.city }])
  return found
}

async function byDomain(tx: TxOrDb, user: AuthUser, domains: string[]) {
  const found = new Map<string, string[]>()
  if (!domains.length) return found
  const rows = await tx.execute<{ key: string; id: string }>(sql`
    select d.key, organisations.id from unnest(${textArray(domains)}) as d(key)
    cross join lateral (select * from organisations
      where lower(split_part(organisations.email, '@', 2)) = d.key
        and organisations.deleted_at is null and organisations.email is not null offset 0) as organisations
    where ${organisationScope(user) ?? sql`true`}`)
  for (const r of rows.rows) found.set(r.key, [...(found.get(r.key) ?? []), r.id])
  return found
}

// Organisations: by the e-mail's firm domain (one record), else by name + city (one record).
async function matchOrganisations(tx: TxOrDb, user: AuthUser, rows: Evaluated[]) {
  const domains = await byDomain(tx, user, [
    ...new Set(rows.map((r) => firmDomain(r.values.email)).filter(Boolean)),
  ] as string[])
  const hitsOf = (r: Evaluated) => {
    const d = firmDomain(r.values.email)
    return d ? domains.get(d) : undefined
  }
  // Only rows no domain decides are looked up by name.
  const byNameRows = rows.filter((r) => !hitsOf(r)?.length)
  const names = await byName(tx, user, [...new Set(byNameRows.map((r) => String(r.values.name ?? '')).filter(Boolean))])
  const result = new Map<number, Match>()
  for (const r of rows) {
    const hits = hitsOf(r)
    if (hits?.length === 1) result.set(r.line, { id: hits[0] })
    else if (hits && hits.length > 1)
      result.set(r.line, { error: `Plusieurs organisations ont le domaine ${firmDomain(r.values.email)}.` })
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
    const found = await tx.execute<{ key: string; id: string }>(sql`
      select e.key, people.id from unnest(${textArray(emails)}) as e(key)
      cross join lateral (select * from people
        where lower(people.personal_email) = e.key
          and people.deleted_at is null and people.personal_email is not null offset 0) as people
      where ${personScope(user) ?? sql`true`}`)
    for (const f of found.rows) byEmail.set(f.key, [...(byEmail.get(f.key) ?? []), f.id])
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
