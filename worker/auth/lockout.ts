// Account lockout (FAQ of the product plan: "5 échecs = blocage 15 min", an admin unlocks at
// once). Kept pure so the 15-minute expiry is tested without waiting.
export const LOCK_AFTER_FAILURES = 5
export const LOCK_DURATION_MS = 15 * 60_000

type LockState = { failedLoginCount: number; lockedUntil: Date | null }

export const isLocked = (u: LockState, now = new Date()) => u.lockedUntil !== null && u.lockedUntil > now

// The state after one more failed attempt: the fifth consecutive failure locks the account and
// restarts the count, so the next lock needs five new failures after it expires.
export function afterFailedAttempt(u: LockState, now = new Date()): LockState & { locked: boolean } {
  const failures = u.failedLoginCount + 1
  if (failures >= LOCK_AFTER_FAILURES) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS), locked: true }
  }
  return { failedLoginCount: failures, lockedUntil: u.lockedUntil, locked: false }
}
