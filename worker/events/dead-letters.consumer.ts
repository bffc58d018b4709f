// Dead-letter queues: messages that failed every retry. Kept in the audit log for an admin to
// see and replay, and logged at error level so alerts fire.
import { withDb } from '../db/client.ts'
import { auditLog } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'

export async function handleDeadLetters(batch: MessageBatch<unknown>, env: Env) {
  const log = createLogger({ consumer: batch.queue })
  await withDb(env, async (db) => {
    for (const m of batch.messages) {
      log.error('message dead-lettered', { queue: batch.queue, id: m.id, attempts: m.attempts })
      await db.insert(auditLog).values({
        action: 'queue.dead_letter',
        targetType: batch.queue,
        targetId: m.id,
        details: { body: m.body } as never,
      })
      m.ack()
    }
  })
}
