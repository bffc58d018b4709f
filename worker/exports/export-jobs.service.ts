// Background exports: a row per job (migrations/0005_exports.sql), the file in R2 for 7 days,
// readable by its requester only. The job runs with the requester's permissions and scope as
// they are when it runs, never above the role recorded at request time.
import { and, desc, eq, inArray, lt } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { actingUser } from '../auth/acting-user.ts'
import { exportJobs } from '../db/schema.ts'
import { notFound } from '../http/problem.ts'
import { iso } from '../shared/cursor.ts'
import { isUuid } from '../shared/tx.ts'
import type { Role } from '../db/enums.ts'
import type { ExportEntity, ExportFormat, ExportJob } from './export.schema.ts'

type Row = typeof exportJobs.$inferSelect
export const EXPORT_TTL_DAYS = 7
export const fileUrl = (id: string) => `/api/v1/exports/${id}/file`
export const fileKeyOf = (id: string, userId: string, fileName: string) => `exports/${userId}/${id}/${fileName}`

export function toExportJob(row: Row): ExportJob {
  const expired = row.expiresAt.getTime() < Date.now()
  const status = (expired ? 'expired' : row.status) as ExportJob['status']
  return {
    id: row.id,
    entity: row.entity as ExportEntity,
    format: row.format as ExportFormat,
    status,
    progress: row.progress,
    rowCount: row.rowCount,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    failure: row.failure,
    ...(status === 'done' ? { downloadUrl: fileUrl(row.id) } : {}),
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt)!,
  }
}

export async function createExportJob(
  db: Db,
  user: AuthUser,
  job: { entity: ExportEntity; format: ExportFormat; filters: Record<string, string>; ids?: string[] },
) {
  const [row] = await db
    .insert(exportJobs)
    .values({
      userId: user.id,
      role: user.role,
      entity: job.entity,
      format: job.format,
      filters: job.filters,
      ids: job.ids,
    })
    .returning()
  return row!
}

// Another user's job is answered as a missing one: its existence is not theirs to know.
export async function getOwnJob(db: Db, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const [row] = await db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.userId, user.id)))
  if (!row) throw notFound("Cet export n'existe pas.")
  return row
}

export async function listOwnJobs(db: Db, user: AuthUser, limit = 20) {
  const rows = await db
    .select()
    .from(exportJobs)
    .where(eq(exportJobs.userId, user.id))
    .orderBy(desc(exportJobs.createdAt))
    .limit(limit)
  return rows.map(toExportJob)
}

export const updateJob = (db: Db, id: string, set: Partial<Row>) =>
  db.update(exportJobs).set(set).where(eq(exportJobs.id, id))

// The requester as the job must act, its role capped by the one recorded at request time.
export const requesterOf = (db: Db, job: Row): Promise<AuthUser | null> => actingUser(db, job.userId, job.role as Role)

// Daily: files past their 7 days leave R2, and their rows go with them.
export async function purgeExpiredExports(db: Db, files: R2Bucket) {
  const expired = await db
    .select({ id: exportJobs.id, fileKey: exportJobs.fileKey })
    .from(exportJobs)
    .where(lt(exportJobs.expiresAt, new Date()))
  const keys = expired.map((e) => e.fileKey).filter((k): k is string => Boolean(k))
  for (let i = 0; i < keys.length; i += 1000) await files.delete(keys.slice(i, i + 1000))
  for (let i = 0; i < expired.length; i += 1000) {
    const ids = expired.slice(i, i + 1000).map((e) => e.id)
    await db.delete(exportJobs).where(inArray(exportJobs.id, ids))
  }
  return expired.length
}
