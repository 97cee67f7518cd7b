/**
 * The two forms of a pairing code. Security argument for the short typed form (16 characters = 80 bits):
 * 40 bits are the one-time secret, 40 bits are the start of the SHA-256 of the hub's key.
 * - The secret: one use, 10 minutes, and the hub refuses redeem attempts beyond a few per minute (device-service),
 *   so an attacker on the LAN gets at most ~100 guesses at a 2^40 space before the code expires (~1e-10).
 * - The key prefix: a client that only typed the code still refuses any server whose key hash does not start with
 *   those 40 bits, so a machine pretending to be the hub would need a key whose SHA-256 matches 40 chosen bits —
 *   about 2^40 key generations (days of work on a PC), while the code is valid for 10 minutes and unknown to it
 *   before it is shown. After pairing the client keeps the full hash from the hub and pins that.
 * The QR form carries the full key hash, so a scanned code pins the exact key from the first byte.
 */
export const SECRET_BYTES = 5
export const PIN_PREFIX_BYTES = 5

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32: no I, L, O, U
const QR_PREFIX = 'kiosk-pair:1?'
const HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)$/i
const PIN = /^[A-Za-z0-9_-]{43}$/

export type Pin = { kind: 'full'; spki: string } | { kind: 'prefix'; bytes: Buffer }

export interface PairingCode {
  hosts: string[]
  port: number
  pin: Pin
  secret: Buffer
}

export function toCrockford(bytes: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31)
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31)
  return out
}

/** Lenient the way people type: any case, I/L read as 1, O as 0, hyphens and spaces ignored. Null if invalid. */
export function fromCrockford(text: string, bytes: number): Buffer | null {
  const clean = text.toUpperCase().replace(/[-\s]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  if (clean.length !== Math.ceil((bytes * 8) / 5)) return null
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const char of clean) {
    const digit = ALPHABET.indexOf(char)
    if (digit === -1) return null
    value = (value << 5) | digit
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
      value &= (1 << bits) - 1
    }
  }
  return out.length === bytes ? Buffer.from(out) : null
}

export function formatShortCode(secret: Buffer, spki: string): string {
  const raw = toCrockford(Buffer.concat([secret, Buffer.from(spki, 'base64url').subarray(0, PIN_PREFIX_BYTES)]))
  return raw.match(/.{4}/g)?.join('-') ?? raw
}

export function formatQrText(hosts: string[], port: number, spki: string, secret: Buffer): string {
  const query = new URLSearchParams({ a: hosts.join(','), p: String(port), k: spki, s: toCrockford(secret) })
  return QR_PREFIX + query.toString().replace(/%2C/g, ',')
}

const validPort = (text: string): number | null => {
  const port = Number(text)
  return /^\d{1,5}$/.test(text) && port >= 1 && port <= 65535 ? port : null
}

/** Reads a scanned QR text or a typed `address:port CODE`; null when it is neither. Never throws. */
export function parsePairingCode(input: string): PairingCode | null {
  const text = input.trim()
  if (text.startsWith(QR_PREFIX)) {
    const q = new URLSearchParams(text.slice(QR_PREFIX.length))
    const hosts = (q.get('a') ?? '').split(',').filter((h) => HOST.test(h))
    const port = validPort(q.get('p') ?? '')
    const spki = q.get('k') ?? ''
    const secret = fromCrockford(q.get('s') ?? '', SECRET_BYTES)
    if (hosts.length === 0 || hosts.length > 8 || port === null || !PIN.test(spki) || secret === null) return null
    return { hosts, port, pin: { kind: 'full', spki }, secret }
  }
  const typed = /^(\S+):(\d{1,5})\s+([0-9A-Za-z\s-]{16,24})$/.exec(text)
  if (!typed) return null
  const [, host = '', portText = '', code = ''] = typed
  const port = validPort(portText)
  const bytes = fromCrockford(code, SECRET_BYTES + PIN_PREFIX_BYTES)
  if (!HOST.test(host) || port === null || bytes === null) return null
  return {
    hosts: [host],
    port,
    pin: { kind: 'prefix', bytes: bytes.subarray(SECRET_BYTES) },
    secret: bytes.subarray(0, SECRET_BYTES),
  }
}
