// Endpoints: create (the secret answered once), edit, rotate (24 h overlap), delete.
import { desc, eq } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import type { Db } from '../db/client.ts'
import { webhooks } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { badRequest, notFound } from '../http/problem.ts'
import { iso } from '../shared/cursor.ts'
import { isUuid } from '../shared/tx.ts'
import type { WebhookRow } from './attempt.ts'
import { newWebhookSecret, sealSecret } from './secret-box.ts'
import { refuseWebhookUrl, urlPolicy } from './url-guard.ts'
import type { WebhookCreateInput, WebhookUpdateInput } from './webhook.schema.ts'

export const ROTATION_OVERLAP_MS = 24 * 3600_000
type ServiceEnv = Pick<Env, 'WEBHOOK_SECRET_KEY' | 'ENVIRONMENT' | 'APP_URL'>

export function toWebhookDto(w: WebhookRow, now = Date.now()) {
  const rotating = w.previousSecretExpiresAt && w.previousSecretExpiresAt.getTime() > now
  return {
    id: w.id,
    url: w.url,
    description: w.description,
    events: w.events,
    isActive: w.isActive,
    disabledReason: w.disabledReason,
    rotationEndsAt: rotating ? iso(w.previousSecretExpiresAt) : null,
    lastSuccessAt: iso(w.lastSuccessAt),
    failingSince: iso(w.failingSince),
    missedSince: w.isActive ? iso(w.failingSince) : (iso(w.failingSince) ?? iso(w.updatedAt)),
    createdAt: iso(w.createdAt)!,
    updatedAt: iso(w.updatedAt)!,
  }
}

async function assertUrl(env: ServiceEnv, url: string) {
  const reason = await refuseWebhookUrl(url, urlPolicy(env))
  if (reason) throw badRequest(`URL refusée : ${reason}`, [{ path: 'url', message: reason }])
}

export async function findWebhook(db: Db, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id))
  if (!row) throw notFound()
  return row
}

export const listWebhooks = (db: Db) => db.select().from(webhooks).orderBy(desc(webhooks.createdAt)).limit(500)

export async function createWebhook(db: Db, env: ServiceEnv, user: AuthUser | null, input: WebhookCreateInput) {
  await assertUrl(env, input.url)
  const secret = newWebhookSecret()
  const [row] = await db
    .insert(webhooks)
    .values({
      url: input.url,
      description: input.description || null,
      events: input.events,
      secret: await sealSecret(env, secret),
      createdBy: user?.id ?? null,
    })
    .returning()
  return { row: row!, secret }
}

export async function updateWebhook(db: Db, env: ServiceEnv, id: string, input: WebhookUpdateInput) {
  const before = await findWebhook(db, id)
  if (input.url !== undefined && input.url !== before.url) await assertUrl(env, input.url)
  const reEnabling = input.isActive === true && !before.isActive
  const [row] = await db
    .update(webhooks)
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      // Re-enabled: a fresh start for the 5-day rule; what it missed is offered for replay.
      ...(reEnabling ? { disabledReason: null, failingSince: null } : {}),
      ...(input.isActive === false && before.isActive ? { disabledReason: 'manual' } : {}),
      updatedAt: new Date(),
    })
    .where(eq(webhooks.id, id))
    .returning()
  return { row: row!, missedSince: reEnabling ? toWebhookDto(before).missedSince : null }
}

export async function rotateSecret(db: Db, env: ServiceEnv, id: string) {
  const before = await findWebhook(db, id)
  const secret = newWebhookSecret()
  const [row] = await db
    .update(webhooks)
    .set({
      secret: await sealSecret(env, secret),
      previousSecret: before.secret,
      previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
      updatedAt: new Date(),
    })
    .where(eq(webhooks.id, id))
    .returning()
  return { row: row!, secret }
}

export async function deleteWebhook(db: Db, id: string) {
  const row = await findWebhook(db, id)
  await db.delete(webhooks).where(eq(webhooks.id, id))
  return row
}
