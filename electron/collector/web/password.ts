import crypto from 'node:crypto'

/**
 * Dashboard passwords: scrypt, memory-hard, so a stolen users table costs an attacker 128 MiB of RAM per guess
 * instead of a GPU's spare cycle. N=2^17, r=8, p=1 are OWASP's scrypt figures (the kiosk's PINs use the same);
 * one hash takes a few hundred ms here, which the login rate limit makes harmless. The parameters travel with
 * the hash, so raising them later still verifies old hashes (and a test can use cheaper ones).
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }
const KEY_BYTES = 32
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([0-9a-f]{32})\$([0-9a-f]{64})$/

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r, or node refuses the production cost.
    const maxmem = 256 * cost.N * cost.r
    crypto.scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...cost, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    )
  })
}

export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await derive(password, salt, cost)
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${key.toString('hex')}`
}

/** A stored hash we cannot read never matches; the comparison is constant-time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored)
  if (m === null) return false
  const [, N, r, p, salt, key] = m as unknown as [string, string, string, string, string, string]
  const expected = Buffer.from(key, 'hex')
  const actual = await derive(password, Buffer.from(salt, 'hex'), { N: Number(N), r: Number(r), p: Number(p) })
  return crypto.timingSafeEqual(actual, expected)
}

/**
 * Verified when the account does not exist, so an unknown name costs as long as a wrong password and the timing
 * does not tell which names exist.
 */
let dummyHash: Promise<string> | null = null
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(12).toString('hex'))
  return dummyHash
}
