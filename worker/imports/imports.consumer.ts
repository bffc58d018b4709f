// IMPORTS queue consumer: one message runs (or resumes) an import, or undoes one. A message that
// throws is retried by the queue; its dead letter marks the import failed.
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { revertImport } from './import-revert.ts'
import { failFromDeadLetter, runImport, type ImportJob } from './import-run.ts'

export async function handleImportBatch(batch: MessageBatch<ImportJob>, env: Env) {
  const log = createLogger({ consumer: 'imports' })
  for (const message of batch.messages) {
    const job = message.body
    try {
      if (batch.queue.endsWith('-dlq')) await failFromDeadLetter(env, job.importId)
      else if (job.op === 'revert') await revertImport(env, job.importId)
      else await runImport(env, job.importId)
      message.ack()
    } catch (error) {
      log.error('import step failed, will retry', { importId: job?.importId, op: job?.op, error: String(error) })
      message.retry({ delaySeconds: Math.min(30, 2 ** message.attempts) })
    }
  }
}
