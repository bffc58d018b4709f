// Import files leave R2 30 days after the upload (the daily cron): the report and a late start
// then answer a clear 409, while the import, its row outcomes and its undo stay in Postgres.
import { env } from 'cloudflare:test'
import { expect, test } from 'vitest'
import { withDb } from '../../worker/db/client.ts'
import { imports } from '../../worker/db/schema.ts'
import { HttpProblem } from '../../worker/http/problem.ts'
import { IMPORT_FILES_DAYS, purgeImportFiles, requireFiles } from '../../worker/imports/import-purge.ts'
import { storeChunk, storeSource } from '../../worker/imports/import-storage.ts'

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

async function importWithFiles(createdAt: Date, status = 'completed') {
  const id = crypto.randomUUID()
  await withDb(env, (db) =>
    db.insert(imports).values({
      id,
      entity: 'organisations',
      fileName: 'purge.csv',
      fileSize: 10,
      format: 'csv',
      headers: ['nom'],
      mapping: ['name'],
      status,
      rowCount: 2,
      chunkSize: 1000,
      chunkCount: 2,
      createdAt,
    }),
  )
  await storeSource(env, id, new TextEncoder().encode('nom\nA\nB\n'))
  await storeChunk(env, id, 0, JSON.stringify([[2, ['A']]]))
  await storeChunk(env, id, 1, JSON.stringify([[3, ['B']]]))
  return id
}
const filesOf = async (id: string) => (await env.FILES.list({ prefix: `imports/${id}/` })).objects.map((o) => o.key)

test(
  `the cron removes the files of imports older than ${IMPORT_FILES_DAYS} days, keeps recent and running ones, ` +
    `and keeps every import row`,
  async () => {
    const old = await importWithFiles(daysAgo(IMPORT_FILES_DAYS + 1))
    const recent = await importWithFiles(daysAgo(IMPORT_FILES_DAYS - 1))
    const running = await importWithFiles(daysAgo(IMPORT_FILES_DAYS + 2), 'running')
    expect(await filesOf(old)).toHaveLength(3)

    await withDb(env, (db) => purgeImportFiles(db, env))

    expect(await filesOf(old)).toEqual([])
    expect(await filesOf(recent)).toHaveLength(3)
    expect(await filesOf(running)).toHaveLength(3)
    const kept = await withDb(env, (db) => db.select({ id: imports.id }).from(imports))
    expect(kept.map((k) => k.id)).toEqual(expect.arrayContaining([old, recent, running]))
  },
)

test('an import whose files are past the limit is refused with a 409 that says to send the file again', () => {
  let refusal: unknown = null
  try {
    requireFiles({ createdAt: daysAgo(IMPORT_FILES_DAYS + 1) })
  } catch (e) {
    refusal = e
  }
  expect(refusal).toBeInstanceOf(HttpProblem)
  expect((refusal as HttpProblem).problem.status).toBe(409)
  expect((refusal as HttpProblem).problem.detail).toContain('envoyez-le à nouveau')
  expect(() => requireFiles({ createdAt: daysAgo(IMPORT_FILES_DAYS - 1) })).not.toThrow()
})
