import crypto from 'node:crypto'

/**
 * The tamper-evident chain over a device's ratings (DESIGN §5):
 *
 *   key_1  = 32 random bytes made when the chain starts (the "genesis key")
 *   link_n = HMAC-SHA256(key_n, link_{n-1} ‖ "|" ‖ n ‖ "|" ‖ canonical(rating_n))   (hex)
 *   key_n+1 = SHA-256(key_n)                        — the old key is overwritten, so it cannot be used again
 *   link_0 = 64 × "0"
 *
 * key_1 is handed to the collector at enrollment and then deleted from the kiosk (chain-repo), so the collector
 * can recompute every link while someone who copies the kiosk's files later (database and secrets) only finds the
 * current key, which cannot produce the links of earlier rows. Editing, deleting, reordering or inserting a row
 * breaks the link of that row (and every later one). Until enrollment the genesis key is on the kiosk: enroll
 * before go-live.
 */
export const GENESIS_LINK = '0'.repeat(64)

export interface ChainHead {
  seq: number
  link: string
  /** hex of key_{seq+1}: the key the next row will be linked with. */
  key: string
}

/** A new, random key_1 (hex). */
export function newGenesisKey(): string {
  return crypto.randomBytes(32).toString('hex')
}

/** The head before the first rating, from key_1 (hex). */
export function genesisHead(genesisKey: string): ChainHead {
  return { seq: 0, link: GENESIS_LINK, key: genesisKey }
}

export function computeLink(key: string, previousLink: string, seq: number, canonical: string): string {
  return crypto
    .createHmac('sha256', Buffer.from(key, 'hex'))
    .update(`${previousLink}|${seq}|${canonical}`)
    .digest('hex')
}

export function nextKey(key: string): string {
  return crypto.createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex')
}

/** Appends one record: returns its link and the new head. */
export function extend(head: ChainHead, canonical: string): { link: string; head: ChainHead } {
  const seq = head.seq + 1
  const link = computeLink(head.key, head.link, seq, canonical)
  return { link, head: { seq, link, key: nextKey(head.key) } }
}

export interface ChainBreak {
  seq: number
  reason: 'gap' | 'link'
}

/**
 * Checks records against the chain, starting from a known head (the collector's last acknowledged one).
 * Returns the first bad seq, or null when every record links up.
 */
export function verify(
  from: ChainHead,
  records: readonly { seq: number; link: string; canonical: string }[],
): { ok: true; head: ChainHead } | { ok: false; break: ChainBreak } {
  let head = from
  for (const record of records) {
    if (record.seq !== head.seq + 1) return { ok: false, break: { seq: head.seq + 1, reason: 'gap' } }
    const next = extend(head, record.canonical)
    if (next.link !== record.link) return { ok: false, break: { seq: record.seq, reason: 'link' } }
    head = next.head
  }
  return { ok: true, head }
}
