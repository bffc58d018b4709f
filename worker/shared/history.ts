// Record history: what changed, field by field, written in the same transaction as the change.
import type { TxOrDb } from './tx.ts'
import { recordHistory } from '../db/schema.ts'

export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const key of Object.keys(after)) {
    if (key === 'updatedAt') continue
    const a = normalise(before[key])
    const b = normalise(after[key])
    if (a !== b) changes[key] = { from: before[key] ?? null, to: after[key] ?? null }
  }
  return changes
}
const normalise = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : JSON.stringify(v))

export async function recordChange(
  tx: TxOrDb,
  entityType: string,
  entityId: string,
  actorId: string | null,
  action: string,
  changes: Record<string, { from: unknown; to: unknown }> | null = null,
) {
  await tx.insert(recordHistory).values({ entityType, entityId, actorId, action, changes })
}
