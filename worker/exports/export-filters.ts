// A list's query string as an export's filters: validated by the list's own schema (so an
// export accepts exactly what the screen does), and described in French for the PDF and audit.
import { inArray } from 'drizzle-orm'
import { labels } from '../../app/i18n/fr.ts'
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { users } from '../db/schema.ts'
import { badRequest } from '../http/problem.ts'
import { getOrganisation } from '../organisations/organisation.service.ts'
import { FILTER_SCHEMAS, type ExportEntity } from './export.schema.ts'

const NOT_FILTERS = new Set(['sep', 'ids', 'limit', 'cursor'])

export function parseFilters(entity: ExportEntity, query: Record<string, string>) {
  const raw = Object.fromEntries(Object.entries(query).filter(([k]) => !NOT_FILTERS.has(k)))
  const parsed = FILTER_SCHEMAS[entity].safeParse(raw)
  if (!parsed.success) {
    throw badRequest(
      'Filtres invalides.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    )
  }
  return { filters: parsed.data as Record<string, unknown>, raw }
}

const NAMES: Record<string, string> = {
  q: 'Recherche',
  type: 'Type',
  category: 'Catégorie',
  stage: 'Étape',
  status: 'Statut',
  priority: 'Priorité',
  city: 'Ville',
  ownerId: 'Responsable',
  assigneeId: 'Assignée à',
  userId: 'Auteur',
  organisationId: 'Organisation',
  personId: 'Personne',
  productId: 'Produit',
  active: 'Actives',
  noContactDays: 'Sans contact depuis (jours)',
  stale: 'En retard',
  mine: 'Mes tâches',
  overdue: 'En retard',
  from: 'Du',
  to: 'Au',
}
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: { ...labels.type, ...labels.interaction },
  category: labels.category,
  stage: labels.stage,
  status: { ...labels.mandateStatus, ...labels.taskStatus },
  priority: labels.priority,
}
const USER_KEYS = ['ownerId', 'assigneeId', 'userId']

// Only what the user asked for (the schema's defaults, e.g. the sort, are not filters).
export async function describeFilters(db: Db, user: AuthUser, raw: Record<string, string>) {
  const userIds = USER_KEYS.map((k) => raw[k]).filter((v): v is string => Boolean(v))
  const names = new Map<string, string>()
  if (userIds.length) {
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
    for (const r of rows) names.set(r.id, r.name)
  }
  const out: string[] = []
  for (const [key, value] of Object.entries(raw)) {
    if (!NAMES[key] || value === '') continue
    let shown = value
    if (VALUE_LABELS[key])
      shown = value
        .split(',')
        .map((v) => VALUE_LABELS[key]![v] ?? v)
        .join(', ')
    else if (USER_KEYS.includes(key)) shown = names.get(value) ?? value
    else if (key === 'organisationId')
      shown = await getOrganisation(db, user, value).then(
        (o) => o.name,
        () => 'inconnue',
      )
    else if (value === 'true' || value === 'false') shown = value === 'true' ? 'oui' : 'non'
    else if (key === 'q') shown = `« ${value} »`
    out.push(`${NAMES[key]} : ${shown}`)
  }
  return out
}
