/**
 * The lockout schedule of DESIGN §5, as a pure function of the number of consecutive failures: from the 5th a
 * wait of 30 s, doubling each time up to 1 h; the account is disabled at the 10th until IT resets it.
 */
export const LOCK_FROM_FAILURE = 5
export const DISABLE_AT_FAILURE = 10
const FIRST_DELAY_MS = 30_000
export const MAX_DELAY_MS = 60 * 60_000

export type LockoutState = { disabled: true } | { disabled: false; lockedUntil: number | null }

export function lockoutAfter(failures: number, now: number): LockoutState {
  if (failures >= DISABLE_AT_FAILURE) return { disabled: true }
  if (failures < LOCK_FROM_FAILURE) return { disabled: false, lockedUntil: null }
  const delay = Math.min(FIRST_DELAY_MS * 2 ** (failures - LOCK_FROM_FAILURE), MAX_DELAY_MS)
  return { disabled: false, lockedUntil: now + delay }
}
