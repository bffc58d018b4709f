// Minute sweep: pending messages whose queue message was lost (a crash between the commit and the
// send, or a worker that died mid-attempt) are queued again; the claim drops any duplicate.
// Daily: the delivery log is kept 30 days.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { Env } from '../env.ts'
import { enqueueWebhookJobs } from './fan-out.ts'

export const DELIVERY_LOG_DAYS = 30
const SWEEP_AFTER_SECONDS = 60
const SWEEP_LIMIT = 1000

export async function sweepWebhookMessages(db: Db, env: Pick<Env, 'WEBHOOKS_QUEUE'>) {
  const rows = await db.execute<{ id: string; attempts: number }>(sql`
    select id, attempts from webhook_messages
    where status = 'pending' and next_attempt_at < now() - make_interval(secs => ${SWEEP_AFTER_SECONDS})
      and (locked_until is null or locked_until < now())
    order by next_attempt_at limit ${SWEEP_LIMIT}`)
  await enqueueWebhookJobs(
    env,
    rows.rows.map((r) => ({ messageId: r.id, attempt: Number(r.attempts) + 1 })),
  )
  return rows.rows.length
}

export async function purgeWebhookLog(db: Db, days = DELIVERY_LOG_DAYS) {
  const cutoff = sql`now() - make_interval(days => ${days})`
  const attempts = await db.execute(sql`delete from webhook_deliveries where created_at < ${cutoff}`)
  const messages = await db.execute(
    sql`delete from webhook_messages where created_at < ${cutoff} and status <> 'pending'`,
  )
  return (attempts.rowCount ?? 0) + (messages.rowCount ?? 0)
}
