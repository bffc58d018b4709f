// EXPORTS queue consumer: builds the file with the requester's scope, writes it to R2, keeps the
// job's progress current and tells the requester ("Export prêt", with the download link).
// At-least-once: a redelivered message for a finished job does nothing.
import { withDb, type Db } from '../db/client.ts'
import type { Env } from '../env.ts'
import { createLogger } from '../http/logger.ts'
import { notifyUser } from '../notifications/catalogue.ts'
import { buildExport, countRows } from './export.service.ts'
import { describeFilters, parseFilters } from './export-filters.ts'
import { fileKeyOf, fileUrl, requesterOf, updateJob } from './export-jobs.service.ts'
import { exportJobs } from '../db/schema.ts'
import { eq } from 'drizzle-orm'
import { RESOURCE_OF, type ExportEntity, type ExportFormat } from './export.schema.ts'
import { firmName } from './firm.ts'

export type ExportMessage = { exportId: string }
// Progress is written at most this often: one UPDATE per second, not per page.
const PROGRESS_EVERY_MS = 1000

export async function handleExportBatch(batch: MessageBatch<ExportMessage>, env: Env) {
  const log = createLogger({ consumer: 'exports' })
  await withDb(env, async (db) => {
    for (const message of batch.messages) {
      const id = message.body?.exportId
      try {
        await runExport(db, env, id)
        message.ack()
      } catch (error) {
        log.error('export failed, will retry', { exportId: id, error: String(error) })
        if (message.attempts >= 3) {
          await updateJob(db, id, { status: 'failed', failure: 'L’export a échoué ; relancez-le.' }).catch(() => {})
          message.ack()
        } else message.retry({ delaySeconds: 5 * message.attempts })
      }
    }
  })
}

export async function runExport(db: Db, env: Env, id: string) {
  const [job] = await db.select().from(exportJobs).where(eq(exportJobs.id, id))
  if (!job || job.status === 'done' || job.status === 'failed') return
  const entity = job.entity as ExportEntity
  const format = job.format as ExportFormat
  const user = await requesterOf(db, job)
  if (!user?.permissions.has(`${RESOURCE_OF[entity]}:export`)) {
    await updateJob(db, id, { status: 'failed', failure: 'Vous n’avez plus le droit d’exporter ces données.' })
    return
  }
  const raw = job.filters as Record<string, string>
  const { filters } = parseFilters(entity, raw)
  const total = job.ids?.length ?? (await countRows(db, user, entity, filters))
  await updateJob(db, id, { status: 'running', progress: 0 })
  let lastWrite = Date.now()
  const built = await buildExport({
    db,
    user,
    entity,
    format,
    filters,
    ids: job.ids ?? undefined,
    sep: raw.sep === ',' ? ',' : ';',
    firm: firmName(env),
    filtersText: await describeFilters(db, user, raw),
    onProgress: async (rows) => {
      if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return
      lastWrite = Date.now()
      // Rendering follows the last page: 95 % at most until the file is stored.
      const progress = total ? Math.min(95, Math.floor((95 * rows) / total)) : 0
      await updateJob(db, id, { progress, rowCount: rows })
    },
  })
  const key = fileKeyOf(id, job.userId, built!.fileName)
  await env.FILES.put(key, built!.body, {
    httpMetadata: {
      contentType: built!.contentType,
      contentDisposition: `attachment; filename="${built!.fileName}"`,
    },
  })
  await updateJob(db, id, {
    status: 'done',
    progress: 100,
    rowCount: built!.rowCount,
    fileKey: key,
    fileName: built!.fileName,
    sizeBytes: built!.body.size,
    finishedAt: new Date(),
  })
  await notifyUser(db, env, job.userId, 'export.ready', {
    exportId: id,
    fileName: built!.fileName,
    downloadUrl: fileUrl(id),
  })
}
