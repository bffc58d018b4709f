// Audit log: security-relevant actions with actor, IP, time and target.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { auditLog } from '../db/schema.ts'

type Entry = { targetType?: string; targetId?: string; details?: Record<string, unknown> }

export async function audit(c: Context<AppEnv>, action: string, entry: Entry = {}) {
  const user = c.get('user')
  await c.get('db').insert(auditLog).values({
    action,
    actorId: user?.id ?? null,
    actorEmail: user?.email ?? null,
    ip: c.req.header('cf-connecting-ip') ?? null,
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    ...entry,
  })
}
