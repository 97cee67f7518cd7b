import crypto from 'node:crypto'
import { extend, nextKey, type ChainHead } from '../../shared/protocol/chain'

/**
 * Walks a device's chain forward from the verified cursor, with the kiosk's own chain code (one implementation).
 * A record whose link does not verify is reported, and the walk goes on from the link it claims, so one edited
 * row is named without hiding what comes after it. Dead-lettered ratings arrive whole (in heartbeats) and are
 * checked like any other. The walk stops at the first missing seq: the link before a gap is unknown.
 */
export interface ChainEntry {
  link: string
  canonical: string
}

export interface Walk {
  cursor: ChainHead
  /** Seqs of records checked on the way, with their verdict. */
  checked: { seq: number; ok: boolean }[]
  firstBadLink: number | null
}

/** Constant-time equality of two MACs, links or proofs (hex strings): a forger learns nothing from the timing. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

export function walkChain(start: ChainHead, entryAt: (seq: number) => ChainEntry | null, maxSteps: number): Walk {
  let cursor = start
  const checked: Walk['checked'] = []
  let firstBadLink: number | null = null
  for (let step = 0; step < maxSteps; step++) {
    const seq = cursor.seq + 1
    const entry = entryAt(seq)
    if (entry === null) break
    const next = extend(cursor, entry.canonical)
    const ok = macEquals(next.link, entry.link)
    checked.push({ seq, ok })
    if (!ok) firstBadLink ??= seq
    cursor = { seq, link: entry.link, key: next.head.key }
  }
  return { cursor, checked, firstBadLink }
}

/**
 * Most SHA-256 steps one heartbeat may cost to derive key_{seq+1} for its head proof, counted from the nearest
 * key the collector holds (the verified cursor, or the key cached at the last verified head). A kiosk sends its
 * heartbeat only after all its ratings are sent, so a genuine head is within a few ratings of what the collector
 * holds; a head further ahead is refused (422 HEAD_TOO_FAR) without the work. Documented in PROTOCOL.md.
 */
export const MAX_HEAD_STEPS = 100_000

/** key_{seq+1}, walking forward from a known key; null when that is more than `maxSteps` steps (or backwards). */
export function keyAfter(from: { seq: number; key: string }, seq: number, maxSteps = MAX_HEAD_STEPS): string | null {
  if (seq < from.seq || seq - from.seq > maxSteps) return null
  let key = from.key
  for (let s = from.seq; s < seq; s++) key = nextKey(key)
  return key
}
