// Cron triggers. Every minute: sweep the outbox (events a request could not hand over) and the
// webhook messages whose queue message was lost.
// Daily: notifications (expiry purge, time-based types, digests), bin purge (30 days),
// webhook delivery log purge (30 days), import files purge (30 days, worker/imports/import-purge.ts).
import type { Env } from './env.ts'
import { withDb } from './db/client.ts'
import { createLogger, type Logger } from './http/logger.ts'
import { dispatchOutbox } from './events/dispatch-outbox.ts'
import { dailyNotifications } from './notifications/notifications.cron.ts'
import { purgeBin } from './bin/bin.service.ts'
import { purgeExpiredExports } from './exports/export-jobs.service.ts'
import { purgeImportFiles } from './imports/import-purge.ts'
import { purgeWebhookLog, sweepWebhookMessages } from './webhooks/webhooks.cron.ts'

export const CRONS = { outbox: '* * * * *', daily: '0 6 * * *' } as const

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const log = createLogger({ cron: controller.cron })
  const failed = await withDb(env, async (db) => {
    const every = await runEach(log, {
      outboxSent: () => dispatchOutbox(db, env),
      webhookMessagesRequeued: () => sweepWebhookMessages(db, env),
    })
    if (every.done.outboxSent || every.done.webhookMessagesRequeued) log.info('minute jobs done', every.done)
    if (controller.cron !== CRONS.daily) return every.failed
    const daily = await runEach(log, {
      notifications: () => dailyNotifications(db, env),
      binPurged: () => purgeBin(db),
      exportsPurged: () => purgeExpiredExports(db, env.FILES),
      webhookLogPurged: () => purgeWebhookLog(db),
      importFilesPurged: () => purgeImportFiles(db, env),
    })
    log.info('daily jobs done', daily.done)
    return [...every.failed, ...daily.failed]
  })
  // Reported after every job had its turn, so the platform still records the run as failed.
  if (failed.length) throw new Error(`scheduled jobs failed: ${failed.join(', ')}`)
}

// Each job on its own: one that throws is logged and the next still runs (a failing purge must
// not keep the day's notifications from going out).
async function runEach(log: Logger, jobs: Record<string, () => Promise<unknown>>) {
  const done: Record<string, unknown> = {}
  const failed: string[] = []
  for (const [name, job] of Object.entries(jobs)) {
    try {
      done[name] = await job()
    } catch (error) {
      failed.push(name)
      log.error('scheduled job failed', { job: name, error: String(error) })
    }
  }
  return { done, failed }
}
