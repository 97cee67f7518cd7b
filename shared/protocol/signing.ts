import crypto from 'node:crypto'

/**
 * Request signing and head proofs (shared/protocol/PROTOCOL.md, "Signing"). The device secret never leaves the
 * kiosk: enrollment hands the collector the signing key derived from it (and the chain's random key_1, which the
 * kiosk then forgets). The collector imports this module, so both sides build the same string.
 */
export const SIGNATURE_SCHEME = 'KIOSK-HMAC-SHA256'
/** The collector accepts a request whose timestamp is within this many seconds of its own clock. */
export const TIMESTAMP_WINDOW_SECONDS = 300

export interface DeviceKeys {
  /** hex HMAC-SHA256(deviceSecret, "kiosk-sign-v1") */
  signKey: string
}

/**
 * The request-signing key. The chain's key_1 is not derived from the secret (it is random, and forgotten after
 * enrollment: chain-repo), because the secret stays on the kiosk for good.
 */
export function deriveDeviceKeys(deviceSecret: Buffer): DeviceKeys {
  return { signKey: crypto.createHmac('sha256', deviceSecret).update('kiosk-sign-v1').digest('hex') }
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}

export interface SignedParts {
  method: string
  /** Path and query exactly as requested, e.g. `/v1/batches`. */
  path: string
  /** Unix seconds, as sent in X-Kiosk-Timestamp. */
  timestamp: number
  deviceId: string
  body: string | Buffer
}

/** The string that is signed: one field per line, the body as its SHA-256. */
export function stringToSign(p: SignedParts): string {
  return [SIGNATURE_SCHEME, p.method.toUpperCase(), p.path, String(p.timestamp), p.deviceId, sha256Hex(p.body)].join(
    '\n',
  )
}

/** The X-Kiosk-Signature header value. */
export function sign(signKey: string, parts: SignedParts): string {
  return `v1=${crypto.createHmac('sha256', Buffer.from(signKey, 'hex')).update(stringToSign(parts)).digest('hex')}`
}

/** Constant-time comparison, so a forger learns nothing from how long a refusal takes. */
export function signatureMatches(signKey: string, parts: SignedParts, header: string): boolean {
  const expected = Buffer.from(sign(signKey, parts))
  const given = Buffer.from(header)
  return expected.length === given.length && crypto.timingSafeEqual(expected, given)
}

/** Proves the heartbeat's head was made with key_{seq+1}: a head rolled back to an older seq cannot produce it. */
export function headProof(currentKey: string, seq: number, link: string): string {
  return crypto.createHmac('sha256', Buffer.from(currentKey, 'hex')).update(`kiosk-head-v1|${seq}|${link}`).digest('hex')
}

/**
 * The batch id (and Idempotency-Key) for a set of ratings: a UUID (version 8) from the SHA-256 of the device id
 * and the ratings' uuids. Resending the same ratings reuses the same key, with no state to keep across a crash.
 */
export function batchIdFor(deviceId: string, uuids: readonly string[]): string {
  const h = crypto.createHash('sha256').update(`kiosk-batch-v1|${deviceId}|${uuids.join(',')}`).digest()
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`
}
