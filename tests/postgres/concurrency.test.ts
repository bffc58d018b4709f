// What only a real Postgres shows. Races (PGlite runs one statement at a time): many sessions
// failing a password at once, and many mandates created at once, each attempt with a connection
// of its own, as concurrent requests to the Worker would. And timestamps to the microsecond
// (PGlite's clock steps by milliseconds), which a list's cursor carries only to the millisecond.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startWsProxy } from '../../scripts/db-bridge.ts'
import { runMigrations } from '../../scripts/migrate.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { recordFailedLogin } from '../../worker/auth/lockout.service.ts'
import { LOCK_AFTER_FAILURES } from '../../worker/auth/lockout.ts'
import { createDb, withDb, type DbConfig } from '../../worker/db/client.ts'
import { auditLog, mandates, organisations, users } from '../../worker/db/schema.ts'
import { listAuditLog } from '../../worker/admin/audit-log.service.ts'
import { AuditQuery } from '../../worker/admin/audit-log.schema.ts'
import { createMandate } from '../../worker/mandates/mandate.service.ts'
import { listOrganisations } from '../../worker/organisations/organisation.service.ts'
import { OrganisationListQuery } from '../../worker/organisations/organisation.schema.ts'
import { effectivePermissions } from '../../worker/permissions/matrix.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import { startRealPostgres, type RealPostgres } from '../setup/real-postgres.ts'

let pg: RealPostgres
let bridge: Awaited<ReturnType<typeof startWsProxy>>
let config: DbConfig

beforeAll(async () => {
  pg = await startRealPostgres()
  const url = new URL(pg.databaseUrl)
  bridge = await startWsProxy({ host: url.hostname, port: Number(url.port) })
  config = { DATABASE_URL: pg.databaseUrl, DB_WS_PROXY: bridge.wsProxy }
  await runMigrations(config)
  const { db, pool } = createDb(config)
  await seedDemo(db, { organisations: 4, people: 4 })
  await pool.end()
})

afterAll(async () => {
  await bridge?.stop()
  pg?.destroy()
})

const userRow = (email: string) =>
  withDb(config, async (db) => (await db.select().from(users).where(eq(users.email, email)))[0]!)
const adminCaller = async (): Promise<AuthUser> => ({
  ...(await userRow('admin@demo.crm')),
  role: 'admin',
  permissions: effectivePermissions('admin', []),
  via: 'session',
})

describe('on a real Postgres', () => {
  test('24 wrong passwords at once lock the account exactly once', async () => {
    const viewer = await userRow('viewer@demo.crm')
    const results = await Promise.all(
      Array.from({ length: 24 }, () => withDb(config, (db) => recordFailedLogin(db, viewer.id))),
    )
    const after = await userRow('viewer@demo.crm')
    expect(after.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000)
    expect(after.failedLoginCount).toBe(0)
    expect(results.filter((r) => r.locked)).toHaveLength(1)
  })

  test('failures below the threshold, however concurrent, are all counted', async () => {
    const sales = await userRow('sales2@demo.crm')
    await Promise.all(
      Array.from({ length: LOCK_AFTER_FAILURES - 1 }, () => withDb(config, (db) => recordFailedLogin(db, sales.id))),
    )
    const after = await userRow('sales2@demo.crm')
    expect(after.failedLoginCount).toBe(LOCK_AFTER_FAILURES - 1)
    expect(after.lockedUntil).toBeNull()
  })

  test('mandates created at once get consecutive numbers, and a rolled-back creation leaves no gap', async () => {
    const caller = await adminCaller()
    const [org] = await withDb(config, (db) => db.select({ id: organisations.id }).from(organisations).limit(1))
    const before = await withDb(config, (db) => db.select({ number: mandates.number }).from(mandates))
    const create = (productIds: string[]) =>
      withDb(config, (db) => createMandate(db, caller, { organisationId: org!.id, productIds } as never))
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 16 }, () => create([])),
      // An unknown product fails after the number was drawn: the transaction rolls the number back.
      ...Array.from({ length: 4 }, () => create(['00000000-0000-4000-8000-000000000000'])),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(16)
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4)
    const numbers = (await withDb(config, (db) => db.select({ number: mandates.number }).from(mandates)))
      .map((m) => m.number)
      .filter((n) => !before.some((b) => b.number === n))
    const year = new Date().getUTCFullYear()
    const last = Math.max(
      0,
      ...before.filter((b) => b.number.startsWith(`M-${year}-`)).map((b) => Number(b.number.slice(7))),
    )
    expect(numbers.map((n) => Number(n.slice(7))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, i) => last + i + 1),
    )
  })

  test('organisations created in one transaction (one instant to the microsecond) page by time once each', async () => {
    const caller = await adminCaller()
    const tag = `Lot ${Date.now()}`
    // One transaction: one now(), with its microseconds, for every row (as an import batch).
    await withDb(config, (db) =>
      db.insert(organisations).values(
        Array.from({ length: 5 }, (_, i) => ({
          name: `${tag} ${i}`,
          type: 'INVESTISSEUR' as const,
          ownerId: caller.id,
        })),
      ),
    )
    const stamps = await withDb(config, (db) =>
      db.execute(sql`select distinct extract(microseconds from created_at)::int % 1000 as us
        from organisations where name like ${`${tag}%`}`),
    )
    expect(stamps.rows).toHaveLength(1)
    const walk = async (sort: string) => {
      const ids: string[] = []
      let cursor: string | undefined
      do {
        const q = OrganisationListQuery.parse({ q: tag, sort, limit: '2', ...(cursor ? { cursor } : {}) })
        const page = await withDb(config, (db) => listOrganisations(db, caller, q))
        ids.push(...page.data.map((o) => o.id))
        cursor = page.nextCursor ?? undefined
        // A cursor that repeats rows would walk forever: stop past what there is to read.
      } while (cursor && ids.length <= 10)
      return ids
    }
    const byName = await walk('name')
    expect(byName).toHaveLength(5)
    for (const sort of ['createdAt', '-createdAt', 'stageChangedAt', '-stageChangedAt']) {
      const ids = await walk(sort)
      expect(ids, sort).toEqual(sort.startsWith('-') ? [...byName].sort().reverse() : [...byName].sort())
    }
  })

  test('audit entries written in one transaction (one instant, to the microsecond) page once each', async () => {
    const target = `batch-${Date.now()}`
    await withDb(config, (db) =>
      db.insert(auditLog).values(Array.from({ length: 5 }, () => ({ action: 'import.started', targetId: target }))),
    )
    const all = await withDb(config, (db) => listAuditLog(db, AuditQuery.parse({ targetId: target, limit: '100' })))
    expect(all.data).toHaveLength(5)
    const ids: string[] = []
    let cursor: string | undefined
    do {
      const q = AuditQuery.parse({ targetId: target, limit: '2', ...(cursor ? { cursor } : {}) })
      const page = await withDb(config, (db) => listAuditLog(db, q))
      ids.push(...page.data.map((e) => e.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor && ids.length <= 10)
    // One instant: the id orders them, newest (greatest) first.
    expect(ids).toEqual(
      all.data
        .map((e) => e.id)
        .sort()
        .reverse(),
    )
  })
})
