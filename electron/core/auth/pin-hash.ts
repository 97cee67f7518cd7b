import crypto from 'node:crypto'

/** scrypt cost parameters. Stored with each hash, so raising them later does not lock anyone out. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** DESIGN §5: N=2^17, r=8, p=1 (≈128 MiB, ≈0.3 s on a kiosk PC). Tests about other things may pass a cheaper one. */
export const PRODUCTION_SCRYPT_COST: ScryptCost = Object.freeze({ N: 2 ** 17, r: 8, p: 1 })

export const SALT_BYTES = 16
const KEY_BYTES = 32

export interface PinHash {
  hash: string
  salt: string
  params: string
}

export function formatParams(cost: ScryptCost): string {
  return `scrypt:${cost.N}:${cost.r}:${cost.p}`
}

export function parseParams(params: string): ScryptCost {
  const m = /^scrypt:(\d+):(\d+):(\d+)$/.exec(params)
  if (!m) throw new Error(`unknown PIN hash parameters: ${params}`)
  return { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
}

/**
 * scrypt over HMAC(pepper, pin). The pepper is kept outside the database, so the stored hash and salt alone do
 * not allow an offline search of the 10^6 PINs. Async: the work runs on libuv's pool, not on the event loop.
 */
function derive(pin: string, pepper: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const peppered = crypto.createHmac('sha256', pepper).update(pin, 'utf8').digest()
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      peppered,
      salt,
      KEY_BYTES,
      { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

export async function hashPin(pin: string, pepper: Buffer, cost: ScryptCost): Promise<PinHash> {
  const salt = crypto.randomBytes(SALT_BYTES)
  const key = await derive(pin, pepper, salt, cost)
  return { hash: key.toString('hex'), salt: salt.toString('hex'), params: formatParams(cost) }
}

/** Constant-time comparison of a PIN against a stored hash. */
export async function verifyPin(pin: string, pepper: Buffer, stored: PinHash): Promise<boolean> {
  const key = await derive(pin, pepper, Buffer.from(stored.salt, 'hex'), parseParams(stored.params))
  const expected = Buffer.from(stored.hash, 'hex')
  return expected.length === key.length && crypto.timingSafeEqual(expected, key)
}
