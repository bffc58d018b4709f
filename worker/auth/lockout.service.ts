// A failed sign-in, counted in one statement. Read-then-write let 24 parallel wrong passwords all
// read a count of 0 and all write 1 (no lock ever); here each UPDATE takes the row lock and sees
// the count the previous one left (READ COMMITTED re-reads the row), so the fifth failure
// locks whatever the concurrency. An account already locked is left as it is.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import { users } from '../db/schema.ts'
import type { TxOrDb } from '../shared/tx.ts'
import { LOCK_AFTER_FAILURES, LOCK_DURATION_MS } from './lockout.ts'

export async function recordFailedLogin(db: TxOrDb, userId: string) {
  const locks = sql`${users.failedLoginCount} + 1 >= ${LOCK_AFTER_FAILURES}`
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`case when ${locks} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${locks} then now() + ${`${LOCK_DURATION_MS} milliseconds`}::interval
        else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))))
    .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil })
  // This very failure locked the account when it left the count at 0 with a lock in the future.
  const locked = Boolean(row && row.failedLoginCount === 0 && row.lockedUntil && row.lockedUntil > new Date())
  return { locked, lockedUntil: row?.lockedUntil ?? null }
}
