/**
 * When to try again (DESIGN §5): full-jitter exponential backoff, base 2 s, cap 5 min — a fleet of kiosks that
 * lost the collector at the same moment spreads its retries instead of knocking together. A collector's
 * Retry-After wins over the backoff, up to an hour (a misconfigured proxy must not park a kiosk for days).
 */
export const BACKOFF_BASE_MS = 2_000
export const BACKOFF_CAP_MS = 5 * 60_000
export const RETRY_AFTER_MAX_MS = 60 * 60_000

/** The longest wait after `failures` consecutive failures (1 = the first failure). */
export function backoffCeiling(failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30)
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent)
}

/** Full jitter: uniformly between 0 and the ceiling. `random` returns [0, 1). */
export function backoffDelay(failures: number, random: () => number): number {
  return Math.floor(random() * backoffCeiling(failures))
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds to wait
 * from `now` (never negative), or null when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d{1,10}$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, RETRY_AFTER_MAX_MS)
  if (trimmed.length > 64) return null
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.min(Math.max(at - now, 0), RETRY_AFTER_MAX_MS)
}
