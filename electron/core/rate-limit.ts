/**
 * Token buckets for what a screen may write without a staff session (renderer error reports, queue tickets): a
 * stuck or hostile page must not fill the disk. Time comes from the injected clock, so tests need no timers.
 */
export interface RateLimit {
  /** How many calls may come at once. */
  burst: number
  /** One more call is allowed every `refillMs` (up to `burst`). */
  refillMs: number
}

export interface RateLimiter {
  /** Takes one token for `key` at `now`; false (and nothing taken) when its bucket is empty. */
  take(key: string, now: number): boolean
}

/**
 * At most this many keys are tracked: client ids come from the shells, but a page under the web host picks its
 * own, so a flood of new ids must not grow the map. A full bucket carries no information and goes first; failing
 * that, the least recently used key.
 */
const MAX_KEYS = 1000

interface Bucket {
  tokens: number
  at: number
}

export function createRateLimiter({ burst, refillMs }: RateLimit, maxKeys = MAX_KEYS): RateLimiter {
  const buckets = new Map<string, Bucket>()
  const level = (b: Bucket, now: number) => Math.min(burst, b.tokens + Math.max(0, now - b.at) / refillMs)

  const makeRoom = (now: number) => {
    for (const [key, b] of buckets) if (level(b, now) >= burst) buckets.delete(key)
    // Map order is insertion order and `take` re-inserts on use: the first key is the least recently used.
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next()
      if (oldest.done === true) return
      buckets.delete(oldest.value)
    }
  }

  return {
    take(key, now) {
      const known = buckets.get(key)
      if (known === undefined && buckets.size >= maxKeys) makeRoom(now)
      const tokens = known === undefined ? burst : level(known, now)
      if (tokens < 1) return false
      buckets.delete(key)
      buckets.set(key, { tokens: tokens - 1, at: now })
      return true
    },
  }
}
