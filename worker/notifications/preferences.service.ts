// Per-type preferences (in-app, e-mail) and the daily digest option. Only changed rows are
// stored; security notices are always on and cannot be changed.
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { notificationPreferences, notificationSettings } from '../db/schema.ts'
import { badRequest } from '../http/problem.ts'
import { CATALOGUE, isSwitchable, NOTIFICATION_TYPES, type NotificationType } from './catalogue.ts'

export type PreferenceDto = {
  type: NotificationType
  label: string
  priority: string
  switchable: boolean
  inApp: boolean
  email: boolean
}
export type PreferencesDto = { emailDigest: boolean; types: PreferenceDto[] }
export type PreferencesUpdate = {
  emailDigest?: boolean
  types?: { type: string; inApp?: boolean; email?: boolean }[]
}

const emailDefault = (t: NotificationType) => !isSwitchable(t) || 'emailByDefault' in CATALOGUE[t]

export async function getPreferences(db: Db, userId: string): Promise<PreferencesDto> {
  const [rows, [settings]] = await Promise.all([
    db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)),
    db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)),
  ])
  const chosen = new Map(rows.map((r) => [r.type, r]))
  return {
    emailDigest: settings?.emailDigest ?? false,
    types: NOTIFICATION_TYPES.map((type) => {
      const switchable = isSwitchable(type)
      const row = chosen.get(type)
      return {
        type,
        label: CATALOGUE[type].label,
        priority: CATALOGUE[type].priority,
        switchable,
        inApp: switchable ? (row?.inApp ?? true) : true,
        email: switchable ? (row?.email ?? emailDefault(type)) : true,
      }
    }),
  }
}

export async function updatePreferences(db: Db, userId: string, input: PreferencesUpdate) {
  const current = await getPreferences(db, userId)
  const byType = new Map(current.types.map((t) => [t.type as string, t]))
  const errors = (input.types ?? []).flatMap((t, i) => {
    const known = byType.get(t.type)
    if (!known) return [{ path: `types.${i}.type`, message: 'Type de notification inconnu.' }]
    const changing = (t.inApp !== undefined && !t.inApp) || (t.email !== undefined && !t.email)
    if (!known.switchable && changing) {
      return [{ path: `types.${i}.type`, message: 'Les alertes de sécurité ne peuvent pas être désactivées.' }]
    }
    return []
  })
  if (errors.length) throw badRequest('Préférences de notification invalides.', errors)
  await db.transaction(async (tx) => {
    for (const t of input.types ?? []) {
      const known = byType.get(t.type)!
      if (!known.switchable) continue
      const row = { userId, type: t.type, inApp: t.inApp ?? known.inApp, email: t.email ?? known.email }
      await tx
        .insert(notificationPreferences)
        .values(row)
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.type],
          set: { inApp: row.inApp, email: row.email },
        })
    }
    if (input.emailDigest !== undefined) {
      await tx
        .insert(notificationSettings)
        .values({ userId, emailDigest: input.emailDigest })
        .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailDigest: input.emailDigest } })
    }
  })
  return getPreferences(db, userId)
}
