// Account lockout (FAQ of the product plan: "5 échecs = blocage 15 min", an admin unlocks at
// once). Kept pure so the 15-minute expiry is tested without waiting.
export const LOCK_AFTER_FAILURES = 5
export const LOCK_DURATION_MS = 15 * 60_000

// What a refused sign-in says, the same whether the e-mail exists, the password is wrong or the
// account is locked (no account enumeration), but true in each case: when to retry and who unlocks.
export const SIGN_IN_REFUSED =
  `E-mail ou mot de passe incorrect. Après ${LOCK_AFTER_FAILURES} échecs de suite, le ` +
  `compte est verrouillé ${LOCK_DURATION_MS / 60_000} minutes : réessayez ensuite, ou demandez à un administrateur ` +
  `de le déverrouiller.`
export const SIGN_IN_THROTTLED =
  `Trop de tentatives de connexion pour cette adresse. Attendez une minute avant de ` +
  `réessayer ; si le compte a été verrouillé après ${LOCK_AFTER_FAILURES} échecs, il le reste ` +
  `${LOCK_DURATION_MS / 60_000} minutes, sauf déverrouillage par un administrateur.`

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
