import crypto from 'node:crypto'

/**
 * How an alert webhook is signed, for the province's receiver (README, "Alerts"):
 *   X-Kiosk-Alert-Timestamp: seconds since the epoch when this attempt was sent
 *   X-Kiosk-Alert-Id:        the alert's id; the same on every retry, so the receiver can drop a duplicate
 *   X-Kiosk-Alert-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 * The timestamp is inside the MAC so a captured request cannot be replayed later than the receiver's window.
 */
export const ALERT_HEADERS = {
  timestamp: 'x-kiosk-alert-timestamp',
  id: 'x-kiosk-alert-id',
  signature: 'x-kiosk-alert-signature',
} as const

/** A receiver should refuse a timestamp further than this from its own clock. */
export const ALERT_TOLERANCE_SECONDS = 300

export function alertSignature(secret: string, timestampSeconds: number, body: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')
  return `v1=${mac}`
}

/** What a receiver does; kept here so the tests check the same rule the README tells receivers to apply. */
export function verifyAlertSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
): boolean {
  const { timestamp, signature } = headers
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(Number(timestamp) - nowSeconds) > ALERT_TOLERANCE_SECONDS) return false
  const expected = Buffer.from(alertSignature(secret, Number(timestamp), body))
  const given = Buffer.from(signature)
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

/** Retry schedule: 30 s doubling per failed attempt, capped at 1 h; a webhook that is down for a day loses nothing. */
export const BACKOFF_BASE_MS = 30_000
export const BACKOFF_CAP_MS = 3_600_000

/** Delay after the `attempts`-th failure (1-based). Deterministic, so a test can see it grow. */
export function backoffMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30)
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS)
}
