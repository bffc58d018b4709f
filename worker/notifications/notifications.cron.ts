// The daily notification jobs, in order: purge what expired, raise the time-based types, then
// send the digests (which include what the time-based run just queued).
import type { Db } from '../db/client.ts'
import { sendDigests } from './digest.cron.ts'
import type { DeliverEnv } from './delivery.service.ts'
import { purgeExpired } from './notification.service.ts'
import { notifyTimeBased } from './time-based.cron.ts'

export async function dailyNotifications(db: Db, env: DeliverEnv) {
  const purged = await purgeExpired(db)
  const raised = await notifyTimeBased(db, env)
  const digests = await sendDigests(db, env)
  return { purged, raised, digests }
}
