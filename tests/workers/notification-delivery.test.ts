// Preferences (in-app, e-mail), the daily digest, expiry and purge, through the same delivery
// path every feature uses (notifyUser), against the seeded database inside workerd.
import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { type Db, withDb } from '../../worker/db/client.ts'
import { notifyUser } from '../../worker/notifications/catalogue.ts'
import { sendDigests } from '../../worker/notifications/digest.cron.ts'
import { listNotifications, purgeExpired } from '../../worker/notifications/notification.service.ts'
import { getPreferences, updatePreferences } from '../../worker/notifications/preferences.service.ts'

const e = env
const db = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn)
const userOf = (email: string) =>
  db(async (d) => (await d.execute<{ id: string }>(sql`select id from users where email = ${email}`)).rows[0]!.id)
const mailsTo = (email: string, like: string) =>
  db(
    async (d) =>
      (
        await d.execute<{ subject: string; text: string }>(
          sql`select subject, text from mails where "to" = ${email} and text like ${`%${like}%`} order by created_at`,
        )
      ).rows,
  )
const exportParams = (fileName: string) => ({ exportId: 'e', fileName, downloadUrl: '/api/v1/exports/e/file' })

describe('preferences decide what is stored and what is e-mailed', () => {
  test('by default a type is in-app only; with e-mail on, a French mail with a link back is sent at once', async () => {
    const id = await userOf('sales2@demo.crm')
    const stored = await db((d) => notifyUser(d, e, id, 'export.ready', exportParams('defaut.xlsx')))
    expect(stored).toHaveLength(1)
    expect(await mailsTo('sales2@demo.crm', 'defaut.xlsx')).toEqual([])

    await db((d) => updatePreferences(d, id, { types: [{ type: 'export.ready', email: true }] }))
    await db((d) => notifyUser(d, e, id, 'export.ready', exportParams('courriel.xlsx')))
    const [mail] = await mailsTo('sales2@demo.crm', 'courriel.xlsx')
    expect(mail!.subject).toBe('[CRM] Export prêt')
    expect(mail!.text).toContain('courriel.xlsx est prêt à télécharger.')
    expect(mail!.text).toContain(`${e.APP_URL.replace(/\/$/, '')}/api/v1/exports/e/file`)
  })

  test('a type switched off in-app is not stored, yet still e-mailed when e-mail is on', async () => {
    const id = await userOf('manager2@demo.crm')
    await db((d) => updatePreferences(d, id, { types: [{ type: 'import.failed', inApp: false, email: true }] }))
    const stored = await db((d) =>
      notifyUser(d, e, id, 'import.failed', { importId: 'i', fileName: 'silencieux.csv', reason: 'Vide' }),
    )
    expect(stored).toEqual([])
    expect(await mailsTo('manager2@demo.crm', 'silencieux.csv')).toHaveLength(1)
  })

  test('security notices cannot be switched off and are always e-mailed', async () => {
    const id = await userOf('sales2@demo.crm')
    await expect(
      db((d) => updatePreferences(d, id, { types: [{ type: 'security.password_changed', inApp: false }] })),
    ).rejects.toThrow('Préférences de notification invalides.')
    const prefs = await db((d) => getPreferences(d, id))
    expect(prefs.types.find((t) => t.type === 'security.password_changed')).toMatchObject({
      switchable: false,
      inApp: true,
      email: true,
    })
    const stored = await db((d) => notifyUser(d, e, id, 'security.password_changed', { at: new Date().toISOString() }))
    expect(stored).toHaveLength(1)
    expect((await mailsTo('sales2@demo.crm', 'Votre mot de passe a été modifié')).length).toBeGreaterThan(0)
  })
})

describe('daily digest', () => {
  test(
    'with the digest on, e-mails wait for the daily run ' + 'and arrive as one mail listing each with its link',
    async () => {
      const id = await userOf('viewer@demo.crm')
      await db((d) => updatePreferences(d, id, { emailDigest: true, types: [{ type: 'export.ready', email: true }] }))
      await db(async (d) => {
        await notifyUser(d, e, id, 'export.ready', exportParams('digest-un.xlsx'))
        await notifyUser(d, e, id, 'export.ready', exportParams('digest-deux.xlsx'))
      })
      expect(await mailsTo('viewer@demo.crm', 'digest-un.xlsx')).toEqual([])
      expect(await db((d) => sendDigests(d, e))).toBeGreaterThanOrEqual(1)
      const mails = await mailsTo('viewer@demo.crm', 'digest-un.xlsx')
      expect(mails).toHaveLength(1)
      expect(mails[0]!.subject).toMatch(/^\[CRM\] Votre résumé du jour : \d+ notification\(s\)$/)
      expect(mails[0]!.text).toContain('digest-deux.xlsx')
      // Sent once: the next run has nothing left for this user.
      await db((d) => sendDigests(d, e))
      expect(await mailsTo('viewer@demo.crm', 'digest-un.xlsx')).toHaveLength(1)
    },
  )
})

describe('expiry and purge', () => {
  test('an expired notification disappears from the list and the unread count, and the purge deletes it', async () => {
    const id = await userOf('manager@demo.crm')
    const [n] = await db((d) => notifyUser(d, e, id, 'export.ready', exportParams('perime.xlsx')))
    const listed = async () => (await db((d) => listNotifications(d, id, { limit: 100 }))).data.map((x) => x.id)
    expect(await listed()).toContain(n!.id)
    const unreadBefore = (await db((d) => listNotifications(d, id, { limit: 1 }))).unread
    await db((d) =>
      d.execute(sql`update notifications set expires_at = now() - interval '1 minute' where id = ${n!.id}`),
    )
    expect(await listed()).not.toContain(n!.id)
    expect((await db((d) => listNotifications(d, id, { limit: 1 }))).unread).toBe(unreadBefore - 1)
    expect(await db((d) => purgeExpired(d))).toBeGreaterThanOrEqual(1)
    const left = await db(
      async (d) => (await d.execute(sql`select 1 from notifications where id = ${n!.id}`)).rows.length,
    )
    expect(left).toBe(0)
  })

  test('each type gets its catalogue lifetime', async () => {
    const id = await userOf('manager@demo.crm')
    const [n] = await db((d) => notifyUser(d, e, id, 'security.account_locked', {}))
    const days = (new Date(n!.expiresAt!).getTime() - new Date(n!.createdAt).getTime()) / 86_400_000
    expect(Math.round(days)).toBe(90)
  })
})
