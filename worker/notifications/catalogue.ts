// The one catalogue of notification types: French template, default priority, lifetime, whether a
// user may switch it off, and who receives it. Every feature notifies through notifyUser() so
// preferences, e-mail, sequence numbers and live push apply the same way everywhere.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { NotificationPriority } from '../db/enums.ts'
import { users } from '../db/schema.ts'
import { type DeliverEnv, deliver, type Outgoing, type Tx } from './delivery.service.ts'

type Template<P> = {
  label: string // shown in the preferences page
  audience: string // who receives it, for the preferences page and the tests
  title: (p: P) => string
  message: (p: P) => string
  link: (p: P) => string | null
  priority: NotificationPriority
  lifetimeDays: number
  // Security notices cannot be switched off, are e-mailed, and reach the user even for their own act.
  security?: true
  emailByDefault?: true
}
const define = <P>(t: Template<P>) => t

type TaskP = { taskId: string; title: string; organisationId?: string | null; dueAt?: string | null }
type OrgP = { organisationId: string; name: string }
type StageP = OrgP & { from: string; to: string }
type MandateP = { mandateId: string; number: string; organisationName?: string | null }
type SecurityP = { at?: string; device?: string; ip?: string | null; until?: string | null }

const taskLink = (p: TaskP) => (p.organisationId ? `/organisations/${p.organisationId}/tasks` : '/tasks')
const frDate = (iso?: string | null) =>
  iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }) : ''
export const STAGE_LABELS: Record<string, string> = {
  PROSPECT: 'Prospect',
  QUALIFICATION: 'Qualification',
  PROPOSITION: 'Proposition',
  SIGNE: 'Signé',
}

export const CATALOGUE = {
  'task.assigned': define<TaskP>({
    label: 'Tâche qui m’est assignée',
    audience: 'the assignee',
    title: () => 'Nouvelle tâche assignée',
    message: (p) => p.title,
    link: taskLink,
    priority: 'NORMAL',
    lifetimeDays: 30,
  }),
  'task.due_soon': define<TaskP>({
    label: 'Tâche à échéance dans les 24 h',
    audience: 'the assignee',
    title: () => 'Tâche à échéance dans moins de 24 h',
    message: (p) => `${p.title} — échéance ${frDate(p.dueAt)}`,
    link: taskLink,
    priority: 'HIGH',
    lifetimeDays: 7,
  }),
  'task.overdue': define<TaskP>({
    label: 'Tâche en retard',
    audience: 'the assignee',
    title: () => 'Tâche en retard',
    message: (p) => `${p.title} — échue le ${frDate(p.dueAt)}`,
    link: taskLink,
    priority: 'URGENT',
    lifetimeDays: 14,
  }),
  'organisation.created': define<OrgP>({
    label: 'Organisation créée dans mon périmètre',
    audience: 'the owner and the managers of its team',
    title: () => 'Nouvelle organisation',
    message: (p) => `${p.name} a été créée.`,
    link: (p) => `/organisations/${p.organisationId}`,
    priority: 'LOW',
    lifetimeDays: 30,
  }),
  'organisation.stage_changed': define<StageP>({
    label: 'Étape du pipeline modifiée sur mes fiches',
    audience: 'the owner and the managers of its team',
    title: () => 'Étape du pipeline modifiée',
    message: (p) => `${p.name} : ${STAGE_LABELS[p.from] ?? '—'} → ${STAGE_LABELS[p.to] ?? p.to}`,
    link: (p) => `/organisations/${p.organisationId}`,
    priority: 'NORMAL',
    lifetimeDays: 30,
  }),
  'organisation.signed': define<OrgP>({
    label: 'Organisation signée (équipe)',
    audience: 'the owner, the managers and viewers of its team',
    title: () => 'Organisation signée 🎉',
    message: (p) => `${p.name} est passée en Signé.`,
    link: (p) => `/organisations/${p.organisationId}`,
    priority: 'HIGH',
    lifetimeDays: 30,
  }),
  'organisation.stale': define<OrgP & { stage: string; days: number }>({
    label: 'Organisation bloquée plus de 30 jours dans une étape',
    audience: 'the managers of its team',
    title: () => 'Organisation bloquée dans le pipeline',
    message: (p) => `${p.name} est en ${STAGE_LABELS[p.stage] ?? p.stage} depuis ${p.days} jours. Relancer le client.`,
    link: (p) => `/organisations/${p.organisationId}`,
    priority: 'HIGH',
    lifetimeDays: 14,
  }),
  'proposal.stale': define<OrgP & { days: number }>({
    label: 'Proposition de plus de 15 jours',
    audience: 'the owner',
    title: () => 'Proposition à actualiser',
    message: (p) => `La proposition à ${p.name} date de ${p.days} jours. Actualiser l’offre.`,
    link: (p) => `/organisations/${p.organisationId}`,
    priority: 'NORMAL',
    lifetimeDays: 14,
  }),
  'contact.cold': define<OrgP & { days: number }>({
    label: 'Contact froid (plus de 14 jours) sur mes fiches',
    audience: 'the owner',
    title: () => 'Contact froid',
    message: (p) => `Aucun contact avec ${p.name} depuis ${p.days} jours. Programmer un appel.`,
    link: (p) => `/organisations/${p.organisationId}/interactions`,
    priority: 'LOW',
    lifetimeDays: 14,
  }),
  'mandat.signed': define<MandateP>({
    label: 'Mandat signé (équipe)',
    audience: 'the owner, the managers and viewers of its team',
    title: () => 'Mandat signé',
    message: (p) => `Le mandat ${p.number}${p.organisationName ? ` (${p.organisationName})` : ''} est signé.`,
    link: (p) => `/mandates/${p.mandateId}`,
    priority: 'HIGH',
    lifetimeDays: 30,
  }),
  'mandat.ending': define<MandateP & { endDate: string; days: number }>({
    label: 'Mandat se terminant dans les 30 jours',
    audience: 'the owner and the managers of its team',
    title: () => 'Mandat bientôt échu',
    message: (p) => `Le mandat ${p.number} se termine le ${p.endDate.split('-').reverse().join('/')} (${p.days} j).`,
    link: (p) => `/mandates/${p.mandateId}`,
    priority: 'HIGH',
    lifetimeDays: 30,
  }),
  'import.completed': define<{
    importId: string
    fileName: string
    created: number
    updated?: number
    failed?: number
  }>({
    label: 'Import terminé',
    audience: 'the user who started the import',
    title: () => 'Import terminé',
    message: (p) =>
      `${p.fileName} : ${p.created} créé(s), ${p.updated ?? 0} mis à jour, ${p.failed ?? 0} ligne(s) en erreur.`,
    link: (p) => `/imports/${p.importId}`,
    priority: 'NORMAL',
    lifetimeDays: 30,
  }),
  'import.failed': define<{ importId: string; fileName: string; reason: string }>({
    label: 'Import échoué',
    audience: 'the user who started the import',
    title: () => 'Import échoué',
    message: (p) => `${p.fileName} : ${p.reason}`,
    link: (p) => `/imports/${p.importId}`,
    priority: 'HIGH',
    lifetimeDays: 30,
  }),
  'export.ready': define<{ exportId: string; fileName: string; downloadUrl: string }>({
    label: 'Export prêt',
    audience: 'the user who asked for the export',
    title: () => 'Export prêt',
    message: (p) => `${p.fileName} est prêt à télécharger.`,
    link: (p) => p.downloadUrl,
    priority: 'NORMAL',
    lifetimeDays: 7,
  }),
  'webhook.endpoint_disabled': define<{ webhookId: string; url: string; failures: number }>({
    label: 'Webhook désactivé après des échecs',
    audience: 'active admins',
    title: () => 'Webhook désactivé',
    message: (p) => `${p.url} a été désactivé après ${p.failures} échecs consécutifs.`,
    link: (p) => `/admin/webhooks/${p.webhookId}`,
    priority: 'URGENT',
    lifetimeDays: 30,
    emailByDefault: true,
  }),
  'security.new_device': define<SecurityP>({
    label: 'Connexion depuis un nouvel appareil',
    audience: 'the account holder',
    title: () => 'Nouvelle connexion à votre compte',
    message: (p) =>
      `Connexion le ${frDate(p.at)} depuis ${p.device ?? 'un appareil inconnu'}${p.ip ? ` (${p.ip})` : ''}. Si ce ` +
      `n’était pas vous, changez votre mot de passe.`,
    link: () => '/account',
    priority: 'HIGH',
    lifetimeDays: 90,
    security: true,
  }),
  'security.password_changed': define<SecurityP>({
    label: 'Mot de passe modifié',
    audience: 'the account holder',
    title: () => 'Mot de passe modifié',
    message: (p) =>
      `Votre mot de passe a été modifié le ${frDate(p.at)}. Si ce n’était pas vous, contactez un administrateur.`,
    link: () => '/account',
    priority: 'HIGH',
    lifetimeDays: 90,
    security: true,
  }),
  'security.account_locked': define<SecurityP>({
    label: 'Compte verrouillé',
    audience: 'the account holder',
    title: () => 'Compte verrouillé',
    message: (p) =>
      `Trop d’échecs de connexion : votre compte est verrouillé${p.until ? ` jusqu’au ${frDate(p.until)}` : ''}.`,
    link: () => '/account',
    priority: 'URGENT',
    lifetimeDays: 90,
    security: true,
  }),
} as const

export type NotificationType = keyof typeof CATALOGUE
export const NOTIFICATION_TYPES = Object.keys(CATALOGUE) as NotificationType[]
export type ParamsOf<T extends NotificationType> = (typeof CATALOGUE)[T] extends Template<infer P> ? P : never
export type NotifyOptions = { eventId?: string; dedupeKey?: string; actorId?: string | null }

export const isNotificationType = (t: string): t is NotificationType => Object.hasOwn(CATALOGUE, t)
export const isSwitchable = (t: NotificationType) => !(CATALOGUE[t] as Template<never>).security

export function renderNotification<T extends NotificationType>(
  userId: string,
  type: T,
  params: ParamsOf<T>,
  opts: NotifyOptions = {},
): Outgoing {
  // The template of T takes ParamsOf<T> by definition; TypeScript cannot see it for a generic T.
  const t = CATALOGUE[type] as Template<ParamsOf<T>>
  return {
    userId,
    type,
    eventId: opts.eventId,
    dedupeKey: opts.dedupeKey,
    priority: t.priority,
    title: t.title(params),
    message: t.message(params),
    link: t.link(params) ?? undefined,
    expiresAt: new Date(Date.now() + t.lifetimeDays * 86_400_000),
    forced: Boolean(t.security),
    emailByDefault: Boolean(t.security || t.emailByDefault),
  }
}

// Renders for each recipient except the actor (nobody is told of their own act, security aside).
export function renderFor<T extends NotificationType>(
  userIds: readonly string[],
  type: T,
  params: ParamsOf<T>,
  opts: NotifyOptions = {},
): Outgoing[] {
  const selfToo = Boolean((CATALOGUE[type] as Template<never>).security)
  return [...new Set(userIds)]
    .filter((id) => selfToo || !opts.actorId || id !== opts.actorId)
    .map((id) => renderNotification(id, type, params, opts))
}

// What other features call, e.g. notifyUser(db, env, userId, 'export.ready', { ... }). Stores
// (honouring preferences), then pushes to open tabs and sends or queues the e-mail. Returns the
// stored rows (none when the user switched the type off in-app).
export function notifyUser<T extends NotificationType>(
  db: Db,
  env: DeliverEnv,
  userId: string,
  type: T,
  params: ParamsOf<T>,
  opts: NotifyOptions = {},
) {
  return deliver(db, env, renderFor([userId], type, params, opts))
}

export function notifyUsers<T extends NotificationType>(
  db: Db,
  env: DeliverEnv,
  userIds: readonly string[],
  type: T,
  params: ParamsOf<T>,
  opts: NotifyOptions = {},
) {
  return deliver(db, env, renderFor(userIds, type, params, opts))
}

export async function activeAdminIds(db: Db | Tx) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
  return rows.map((r) => r.id)
}

// For admin-audience types such as 'webhook.endpoint_disabled'.
export async function notifyAdmins<T extends NotificationType>(
  db: Db,
  env: DeliverEnv,
  type: T,
  params: ParamsOf<T>,
  opts: NotifyOptions = {},
) {
  return notifyUsers(db, env, await activeAdminIds(db), type, params, opts)
}
