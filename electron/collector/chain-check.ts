import { extend, nextKey, type ChainHead } from '../core/ratings/chain'

/**
 * Walks a device's chain forward from the verified cursor, with the kiosk's own chain code (one implementation).
 * A record whose link does not verify is reported, and the walk goes on from the link it claims, so one edited
 * row is named without hiding what comes after it. A dead-letter stub has no content to verify; its link carries
 * the walk over it. The walk stops at the first missing seq: the link before a gap is unknown.
 */
export type ChainEntry = { kind: 'record'; link: string; canonical: string } | { kind: 'stub'; link: string }

export interface Walk {
  cursor: ChainHead
  /** Seqs of records checked on the way, with their verdict. */
  checked: { seq: number; ok: boolean }[]
  firstBadLink: number | null
}

export function walkChain(start: ChainHead, entryAt: (seq: number) => ChainEntry | null, maxSteps: number): Walk {
  let cursor = start
  const checked: Walk['checked'] = []
  let firstBadLink: number | null = null
  for (let step = 0; step < maxSteps; step++) {
    const seq = cursor.seq + 1
    const entry = entryAt(seq)
    if (entry === null) break
    if (entry.kind === 'record') {
      const next = extend(cursor, entry.canonical)
      const ok = next.link === entry.link
      checked.push({ seq, ok })
      if (!ok) firstBadLink ??= seq
      cursor = { seq, link: entry.link, key: next.head.key }
    } else {
      cursor = { seq, link: entry.link, key: nextKey(cursor.key) }
    }
  }
  return { cursor, checked, firstBadLink }
}

/** key_{seq+1}, walking forward from a known key; bounded so a forged huge seq cannot stall the collector. */
export function keyAfter(from: { seq: number; key: string }, seq: number, maxSteps = 10_000_000): string | null {
  if (seq < from.seq || seq - from.seq > maxSteps) return null
  let key = from.key
  for (let s = from.seq; s < seq; s++) key = nextKey(key)
  return key
}
