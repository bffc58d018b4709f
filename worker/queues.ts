// Routes each queue's batches to its consumer.
import type { Env } from './env.ts'
import { handleEventBatch } from './events/events.consumer.ts'
import { handleWebhookBatch } from './webhooks/webhooks.consumer.ts'
import { handleDeadLetters } from './events/dead-letters.consumer.ts'
import type { DomainEvent } from './events/event-types.ts'
import type { WebhookJob } from './webhooks/fan-out.ts'
import { handleExportBatch, type ExportMessage } from './exports/export.consumer.ts'
import { handleImportBatch } from './imports/imports.consumer.ts'
import type { ImportJob } from './imports/import-run.ts'

export const QUEUES = {
  events: 'crm-events',
  webhooks: 'crm-webhooks',
  exports: 'crm-exports',
  imports: 'crm-imports',
} as const

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx?: ExecutionContext) {
  if (batch.queue.startsWith(QUEUES.events) && !batch.queue.endsWith('-dlq')) {
    return handleEventBatch(batch as MessageBatch<DomainEvent>, env)
  }
  if (batch.queue === QUEUES.webhooks) return handleWebhookBatch(batch as MessageBatch<WebhookJob>, env, ctx)
  if (batch.queue === QUEUES.exports) return handleExportBatch(batch as MessageBatch<ExportMessage>, env)
  // Its dead letters too: an import that exhausted its retries is marked failed.
  if (batch.queue.startsWith(QUEUES.imports)) return handleImportBatch(batch as MessageBatch<ImportJob>, env)
  if (batch.queue.endsWith('-dlq')) return handleDeadLetters(batch, env)
  for (const m of batch.messages) m.retry()
}
