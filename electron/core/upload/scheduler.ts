import type { Clock } from '../clock'
import type { Logger } from '../dispatch'
import type { RoundResult, Uploader } from './uploader'

/** Longest single wait: the clock is re-read at least this often, so a changed wall clock is noticed. */
const MAX_WAIT_MS = 60 * 60_000

/** The timer functions the scheduler uses; tests hand in their own to see (and fire) what it armed. */
export interface Timers {
  setTimeout(run: () => void, ms: number): { unref?(): unknown }
  clearTimeout(handle: { unref?(): unknown }): void
}

/** The global timers, looked up at call time (so fake timers work too); given back only the handles they made. */
const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface Scheduler {
  start(): void
  stop(): void
  /** Run a round now (after IT changed the upload settings, say), then carry on with the schedule. */
  kick(): void
  /**
   * IT's "sync now": a manual round (joining one in flight), then the timer re-armed from its outcome — after a
   * failure the next try comes with the backoff (0–2 s after a first failure), not at the next interval.
   */
  runNow(): Promise<RoundResult>
}

/**
 * Runs upload rounds on a timer: every `intervalSeconds`, or at the uploader's next attempt time after a failure
 * (backoff, Retry-After).
 */
export function createScheduler(uploader: Uploader, clock: Clock, log: Logger, timers: Timers = globalTimers): Scheduler {
  let handle: ReturnType<Timers['setTimeout']> | null = null
  let stopped = true

  function arm(at: number): void {
    if (handle !== null) timers.clearTimeout(handle)
    const wait = Math.min(Math.max(at - clock.now(), 0), MAX_WAIT_MS)
    handle = timers.setTimeout(() => void tick(), wait)
    // The kiosk's windows or the web host's server keep the process alive, never a pending upload round.
    handle.unref?.()
  }

  /** After any round, whoever ran it: the next one when the uploader says (interval, backoff, Retry-After). */
  function rearm(): void {
    if (!stopped) arm(uploader.nextRunAt())
  }

  async function tick(): Promise<void> {
    handle = null
    try {
      await uploader.flush('timer')
    } catch (error) {
      log.error('upload: scheduled round failed', error)
    }
    rearm()
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      arm(clock.now())
    },
    stop() {
      stopped = true
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
    },
    kick() {
      if (!stopped) arm(clock.now())
    },
    async runNow() {
      try {
        return await uploader.flush('manual')
      } finally {
        rearm()
      }
    },
  }
}
