// Bulk loading the large seed the standard way: the secondary indexes of the tables it fills are
// dropped first and built again from their saved definitions once the rows are in, then the
// tables analysed. Maintaining 15 indexes on organisations and the GIN indexes on people row by
// row made 100,000 organisations take over an hour on PGlite under load; one sorted build per
// index is a fraction of that. Unique indexes and primary keys stay: the seed's ON CONFLICT
// clauses and the statement-level triggers (search terms, name tails, org_owner_ids, stage
// totals) rely on them, and those triggers still fire during the load, so what they keep is
// exactly what a row-by-row insert gives.
import { sql } from 'drizzle-orm'
import type { Db } from '../worker/db/client.ts'
import type { TxOrDb } from '../worker/shared/tx.ts'

type SavedIndex = { name: string; definition: string }

// Every non-unique index of these tables that no constraint owns (a primary key, a unique or an
// exclusion constraint cannot be dropped as an index, and the seed relies on them).
async function secondaryIndexes(db: TxOrDb, tables: readonly string[]) {
  const r = await db.execute<SavedIndex>(sql`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    join pg_class c on c.relname = i.indexname and c.relnamespace = i.schemaname::regnamespace
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema() and i.tablename = any(${`{${tables.join(',')}}`}::text[])
      and not x.indisunique and not x.indisprimary
      and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
    order by i.tablename, i.indexname`)
  return r.rows
}

// One transaction: a load that fails leaves the indexes as they were, never a database without
// them. Returns how long the index builds took (the load's own time is the caller's).
export async function loadWithoutSecondaryIndexes(
  db: Db,
  tables: readonly string[],
  load: (tx: TxOrDb) => Promise<void>,
): Promise<{ indexes: number; rebuildMs: number }> {
  return db.transaction(async (t) => {
    const saved = await secondaryIndexes(t, tables)
    for (const index of saved) await t.execute(sql.raw(`drop index ${quoteIdent(index.name)}`))
    await load(t)
    const started = performance.now()
    // Sorting in memory rather than on disk for the larger builds (the default is 64 MB).
    await t.execute(sql`set local maintenance_work_mem = '256MB'`)
    for (const index of saved) await t.execute(sql.raw(index.definition))
    return { indexes: saved.length, rebuildMs: performance.now() - started }
  })
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
