// Moves committed outbox rows to the EVENTS queue. Runs right after a write (waitUntil) and from
// the cron sweep; SKIP LOCKED lets both run at once without sending a row twice in one pass.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { Env } from '../env.ts'

const BATCH = 100 // Queues sendBatch accepts at most 100 messages.

export async function dispatchOutbox(db: Db, env: Pick<Env, 'EVENTS_QUEUE'>): Promise<number> {
  let total = 0
  for (;;) {
    const sent = await db.transaction(async (tx) => {
      const rows = await tx.execute<{ id: string; payload: Record<string, unknown> }>(sql`
        select id, payload from outbox where dispatched_at is null
        order by created_at limit ${BATCH} for update skip locked`)
      if (rows.rows.length === 0) return 0
      await env.EVENTS_QUEUE.sendBatch(rows.rows.map((r) => ({ body: r.payload, contentType: 'json' as const })))
      const ids = rows.rows.map((r) => r.id)
      await tx.execute(sql`update outbox set dispatched_at = now(), attempts = attempts + 1
        where id in (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})`)
      return rows.rows.length
    })
    total += sent
    if (sent < BATCH) return total
  }
}
