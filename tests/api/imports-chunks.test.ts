// A chunk is written once, whatever the queue does: a redelivery or a concurrent duplicate finds
// it claimed, a failed attempt leaves nothing behind, and the counts always add up.
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import { imports } from '../../worker/db/schema.ts'
import { DEFAULT_PERMISSIONS } from '../../worker/permissions/matrix.ts'
import { autoMapping } from '../../worker/imports/import-fields.ts'
import type { PlanInput, RawRow } from '../../worker/imports/import-plan.ts'
import { writeChunk } from '../../worker/imports/import-write.ts'
import { ownDatabase } from '../setup/own-database.ts'

const own = ownDatabase()
const headers = ['nom', 'type', 'ville']
const rows: RawRow[] = [
  [2, ['Chunk Un', 'INVESTISSEUR', 'Paris']],
  [3, ['Chunk Deux', 'EMETTEUR', 'Lyon']],
  [4, ['Chunk Trois', 'pas un type', 'Lyon']],
]
const plan: PlanInput = {
  entity: 'organisations',
  headers,
  mapping: autoMapping('organisations', headers),
  mode: 'upsert',
  duplicates: new Map(),
}

async function setUp() {
  const { db } = own
  const userId = crypto.randomUUID()
  const email = `${userId}@t.fr`
  await db.execute(
    sql`insert into users (id, email, name, password_hash, role)
      values (${userId}, ${email}, 'Importeur', 'x', 'admin')`,
  )
  const user: AuthUser = {
    id: userId,
    email,
    name: 'Importeur',
    role: 'admin',
    teamId: null,
    mustChangePassword: false,
    permissions: DEFAULT_PERMISSIONS.admin,
    via: 'session',
  }
  const [imp] = await db
    .insert(imports)
    .values({
      userId,
      entity: 'organisations',
      fileName: 'c.csv',
      fileSize: 1,
      format: 'csv',
      headers,
      mapping: plan.mapping,
      mode: 'upsert',
      status: 'running',
      rowCount: 3,
      chunkSize: 1000,
      chunkCount: 1,
    })
    .returning()
  return { user, imp: imp! }
}
const count = async (name: string) =>
  Number(
    (await own.db.execute<{ n: number }>(sql`select count(*)::int as n from organisations where name = ${name}`))
      .rows[0]!.n,
  )

describe('chunks', () => {
  test('a chunk delivered twice, even at the same time, is written once and the counts add up', async () => {
    const { user, imp } = await setUp()
    const results = await Promise.all([
      writeChunk(own.db, user, imp, 0, rows, plan),
      writeChunk(own.db, user, imp, 0, rows, plan),
    ])
    expect(results.filter((r) => r === null)).toHaveLength(1)
    expect(await writeChunk(own.db, user, imp, 0, rows, plan)).toBeNull()
    expect(await count('Chunk Un')).toBe(1)
    const [row] = (await own.db.execute<any>(sql`select * from imports where id = ${imp.id}`)).rows
    expect(row).toMatchObject({ chunks_done: 1, rows_done: 3, created: 2, updated: 0, skipped: 0, errors: 1 })
    const lines = (
      await own.db.execute<any>(sql`select line, outcome from import_rows where import_id = ${imp.id} order by line`)
    ).rows
    expect(lines).toEqual([
      { line: 2, outcome: 'created' },
      { line: 3, outcome: 'created' },
      { line: 4, outcome: 'error' },
    ])
  })

  test('a chunk whose transaction fails leaves nothing behind and its retry writes it once', async () => {
    const { user, imp } = await setUp()
    const mine = rows.map(([l, c]): RawRow => [l, [`${c[0]} retry`, c[1]!, c[2]!]])
    // An owner that does not exist: the insert fails on its foreign key, mid-transaction.
    const ghost = { ...user, id: crypto.randomUUID() }
    await expect(writeChunk(own.db, ghost, imp, 0, mine, plan)).rejects.toThrow()
    expect(await count('Chunk Un retry')).toBe(0)
    const [before] = (await own.db.execute<any>(sql`select chunks_done, rows_done from imports where id = ${imp.id}`))
      .rows
    expect(before).toEqual({ chunks_done: 0, rows_done: 0 })
    expect(await writeChunk(own.db, user, imp, 0, mine, plan)).toBe(3)
    expect(await count('Chunk Un retry')).toBe(1)
  })
})
