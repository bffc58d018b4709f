// Audit log: security-relevant actions with actor, IP, time and target. Sign-ins, lockouts,
// role and permission changes are written where they happen; deletions, exports, imports and
// token use are written for every route at once (auditTrail, called by authorize).
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { auditLog } from '../db/schema.ts'
import type { TxOrDb } from '../shared/tx.ts'

type Entry = { targetType?: string; targetId?: string; details?: Record<string, unknown> }

// Requests whose handler already wrote a precise entry: the generic trail does not repeat it.
const audited = new WeakSet<object>()

// Pass the write's transaction as `tx`: the change and its audit row then commit together or not
// at all (a token once committed without its entry when the audit insert failed).
export async function audit<E extends AppEnv>(c: Context<E>, action: string, entry: Entry = {}, tx?: TxOrDb) {
  audited.add(c.req.raw)
  await recordAudit(c, action, entry, tx)
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

// After a successful route: deletions, exports and imports of any resource, so a route added
// by any feature is audited without its author remembering to.
export async function auditTrail(c: Context<AppEnv>, access: string) {
  if (audited.has(c.req.raw) || c.res.status >= 300) return
  const [resource, action] = access.split(':')
  const kind =
    c.req.method === 'DELETE' ? 'deleted' : action === 'export' ? 'exported' : action === 'import' ? 'imported' : null
  if (!kind || !resource) return
  await audit(c, `${resource}.${kind}`, {
    targetType: resource,
    targetId: c.req.param('id'),
    details: { method: c.req.method, path: c.req.path, query: new URL(c.req.url).search || undefined },
  })
}
