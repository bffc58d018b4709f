// Cron triggers. Every minute: sweep the outbox (events a request could not hand over).
// Daily: notifications (expiry purge, time-based types, digests), bin purge (30 days).
import type { Env } from './env.ts'
import { withDb } from './db/client.ts'
import { createLogger } from './http/logger.ts'
import { dispatchOutbox } from './events/dispatch-outbox.ts'
import { dailyNotifications } from './notifications/notifications.cron.ts'
import { purgeBin } from './bin/bin.service.ts'
import { purgeExpiredExports } from './exports/export-jobs.service.ts'
import { purgeWebhookLog, sweepWebhookMessages } from './webhooks/webhooks.cron.ts'

export const CRONS = { outbox: '* * * * *', daily: '0 6 * * *' } as const

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const log = createLogger({ cron: controller.cron })
  try {
    await withDb(env, async (db) => {
      const sent = await dispatchOutbox(db, env)
      if (sent) log.info('outbox swept', { sent })
      const requeued = await sweepWebhookMessages(db, env)
      if (requeued) log.info('webhook messages requeued', { requeued })
      if (controller.cron !== CRONS.daily) return
      log.info('daily jobs done', {
        notifications: await dailyNotifications(db, env),
        binPurged: await purgeBin(db),
        exportsPurged: await purgeExpiredExports(db, env.FILES),
        webhookLogPurged: await purgeWebhookLog(db),
      })
    })
  } catch (error) {
    log.error('scheduled job failed', { error: String(error) })
    throw error
  }
}
