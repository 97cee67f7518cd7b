import type { RendererErrorReport, SystemEvent } from '../../../shared/schemas/system'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import { createRateLimiter, type RateLimit } from '../rate-limit'
import { recordSystemEvent } from './system-events'

/**
 * Renderer error reports are open to every screen (a citizen screen's errors matter most), so they are bounded
 * three ways: per screen, in total, and in what the database keeps. A page stuck in an error loop then costs a
 * few rows a minute, never the disk.
 */
export const DIAGNOSTICS_PER_CLIENT: RateLimit = { burst: 20, refillMs: 3_000 }
/** 200 a minute from all screens together: client ids of web pages are the page's own choice. */
export const DIAGNOSTICS_TOTAL: RateLimit = { burst: 200, refillMs: 300 }
/** The newest renderer errors kept; older ones are pruned as new ones come (other event kinds are never touched). */
export const RENDERER_ERRORS_KEPT = 1000

export interface Diagnostics {
  /** Records one report, or refuses it with RATE_LIMITED and writes nothing. */
  report(clientId: string, report: RendererErrorReport): SystemEvent
}

export function createDiagnostics({ db, clock, kept = RENDERER_ERRORS_KEPT }: { db: Db; clock: Clock; kept?: number }): Diagnostics {
  const perClient = createRateLimiter(DIAGNOSTICS_PER_CLIENT)
  const total = createRateLimiter(DIAGNOSTICS_TOTAL)
  // Refused reports are counted, not stored; the next report that is stored says how many were dropped before it.
  let dropped = 0
  const prune = db.prepare(
    `DELETE FROM system_events WHERE kind = 'renderer.error' AND id < (
       SELECT id FROM system_events WHERE kind = 'renderer.error' ORDER BY id DESC LIMIT 1 OFFSET ?)`,
  )
  return {
    report(clientId, { message, screen, stack }) {
      const now = clock.now()
      if (!perClient.take(clientId, now) || !total.take('all', now)) {
        dropped += 1
        throw new AppError('RATE_LIMITED', 'too many error reports: this one was dropped')
      }
      const detail = { message, screen, stack: stack ?? null, ...(dropped > 0 ? { droppedBefore: dropped } : {}) }
      const event = db.transaction(() => {
        const recorded = recordSystemEvent(db, now, 'renderer.error', JSON.stringify(detail))
        prune.run(kept - 1)
        return recorded
      }).immediate()
      dropped = 0
      return event
    },
  }
}
