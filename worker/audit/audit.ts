// Audit log: security-relevant actions with actor, IP, time and target. Sign-ins, lockouts,
// role and permission changes are written where they happen; deletions, exports, imports and
// token use are written for every route at once (auditTrail, called by authorize).
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { auditLog } from '../db/schema.ts'
import type { Db } from '../db/client.ts'
import type { Tx, TxOrDb } from '../shared/tx.ts'

export type AuditEntry = { targetType?: string; targetId?: string; details?: Record<string, unknown> }
type Entry = AuditEntry

// Requests whose handler already wrote a precise entry: the generic trail does not repeat it.
const alreadyAudited = new WeakSet<object>()

// A change and its audit row commit together or not at all (a token once committed without its
// entry when the audit insert failed): `audit` takes the write's transaction, never the request's
// pool, so an entry cannot be written beside the change it records. `audited` opens that
// transaction for a route; `auditEvent` is for an action that changes nothing but the log.
export async function audit<E extends AppEnv>(c: Context<E>, action: string, entry: Entry, tx: Tx) {
  alreadyAudited.add(c.req.raw)
  await recordAudit(c, action, entry, tx)
}

// Runs a route's writes in one transaction with its audit entries. The services take a Db: the
// transaction offers every query they use (savepoints for their own db.transaction), so it is
// handed to them as one; nothing else may reach the request's pool inside (it holds one connection).
export function audited<E extends AppEnv, T>(
  c: Context<E>,
  work: (db: Db, audit: (action: string, entry?: Entry) => Promise<void>) => Promise<T>,
): Promise<T> {
  const db: Db = c.get('db')
  return db.transaction((tx) => work(tx, (action, entry = {}) => audit(c, action, entry, tx)))
}

// Sign-in refusals, reset requests, exports: the entry is the only thing written.
export async function auditEvent<E extends AppEnv>(c: Context<E>, action: string, entry: Entry = {}) {
  alreadyAudited.add(c.req.raw)
  await recordAudit(c, action, entry)
}

// Writes an entry without marking the request as audited (token use: the request's own
// deletion or export must still be recorded).
export async function recordAudit<E extends AppEnv>(c: Context<E>, action: string, entry: Entry = {}, tx?: TxOrDb) {
  const user = c.get('user')
  const db: TxOrDb = tx ?? c.get('db')
  await db.insert(auditLog).values({
    action,
    actorId: user?.id ?? null,
    actorEmail: user?.email ?? null,
    ip: c.req.header('cf-connecting-ip') ?? null,
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    ...entry,
    details: { ...(user?.via === 'token' ? { tokenId: user.tokenId } : {}), ...entry.details },
  })
}

// After a successful route: deletions and exports of any resource, so a route added by any
// feature is audited without its author remembering to (apiRoute puts it last, next to the
// handler). A deletion runs in one transaction with its entry: the handler's c.var.db is that
// transaction. Exports only read, so they are recorded once the handler has answered. Imports
// audit their own writes (upload, start, undo) in the transaction of each write
// (worker/imports/imports.routes.ts): their reads (progress, templates, dry run) are not audited.
export const auditTrail = (access: string): MiddlewareHandler<AppEnv> =>
  async function auditTrail(c, next) {
    const [resource, action] = access.split(':')
    const kind = c.req.method === 'DELETE' ? 'deleted' : action === 'export' ? 'exported' : null
    if (!kind || !resource) return next()
    const succeeded = () => !c.error && c.res.status < 300
    const entry = () => ({
      targetType: resource,
      targetId: c.req.param('id'),
      details: { method: c.req.method, path: c.req.path, query: new URL(c.req.url).search || undefined },
    })
    if (kind !== 'deleted') {
      await next()
      if (succeeded() && !alreadyAudited.has(c.req.raw)) await auditEvent(c, `${resource}.${kind}`, entry())
      return
    }
    const pool = c.var.db
    try {
      await pool.transaction(async (tx) => {
        c.set('db', tx)
        await next()
        if (!succeeded()) throw ROLLBACK
        if (!alreadyAudited.has(c.req.raw)) await audit(c, `${resource}.${kind}`, entry(), tx)
      })
    } catch (error) {
      if (error !== ROLLBACK) throw error
    } finally {
      c.set('db', pool)
    }
  }

// Thrown to undo a deletion whose handler answered an error (Hono has already turned it into the response).
const ROLLBACK = Symbol('rollback')
