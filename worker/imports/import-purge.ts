// Import files (the file as sent, its chunks, its duplicates) are kept IMPORT_FILES_DAYS after the
// upload, for the Excel report and a late start; then the daily cron removes them from R2. The
// import itself, its row outcomes and its undo stay (they live in Postgres, not in the files).
import { and, gt, lt, ne } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { imports } from '../db/schema.ts'
import type { Env } from '../env.ts'
import { conflict } from '../http/problem.ts'
import { removeImportFiles } from './import-storage.ts'

// As the bin and the webhook log: a month to download the report or start the import.
export const IMPORT_FILES_DAYS = 30
const DAY_MS = 86_400_000
// The cron looks a week back past the limit, so a few missed days still purge everything,
// without keeping a "purged" flag per import (deleting a missing object is a no-op).
const CATCH_UP_DAYS = 7

export const filesPurged = (imp: { createdAt: Date }) =>
  imp.createdAt.getTime() < Date.now() - IMPORT_FILES_DAYS * DAY_MS

export function requireFiles(imp: { createdAt: Date }) {
  if (filesPurged(imp)) {
    throw conflict(
      `Le fichier de cet import a été supprimé (conservé ${IMPORT_FILES_DAYS} jours) : envoyez-le à nouveau.`,
    )
  }
}

export async function purgeImportFiles(db: Db, env: Pick<Env, 'FILES'>, now = new Date()) {
  const limit = new Date(now.getTime() - IMPORT_FILES_DAYS * DAY_MS)
  const old = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        lt(imports.createdAt, limit),
        gt(imports.createdAt, new Date(limit.getTime() - CATCH_UP_DAYS * DAY_MS)),
        // A run still going reads its chunks; it is purged the day after it ends.
        ne(imports.status, 'running'),
      ),
    )
  for (const { id } of old) await removeImportFiles(env, id)
  return old.length
}
