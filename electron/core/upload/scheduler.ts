import type { Clock } from '../clock'
import type { Logger } from '../dispatch'
import type { Uploader } from './uploader'

/** Longest single wait: the clock is re-read at least this often, so a changed wall clock is noticed. */
const MAX_WAIT_MS = 60 * 60_000

export interface Scheduler {
  start(): void
  stop(): void
  /** Run a round now (after IT changed the upload settings, say), then carry on with the schedule. */
  kick(): void
}

/**
 * Runs upload rounds on a timer: every `intervalSeconds`, or at the uploader's next attempt time after a failure
 * (backoff, Retry-After). Uses the global timers, looked up at call time, so tests can fake them.
 */
export function createScheduler(uploader: Uploader, clock: Clock, log: Logger): Scheduler {
  let handle: ReturnType<typeof setTimeout> | null = null
  let stopped = true

  function arm(at: number): void {
    if (handle !== null) clearTimeout(handle)
    const wait = Math.min(Math.max(at - clock.now(), 0), MAX_WAIT_MS)
    handle = setTimeout(() => void tick(), wait)
    // The kiosk's windows or the web host's server keep the process alive, never a pending upload round.
    handle.unref?.()
  }

  async function tick(): Promise<void> {
    handle = null
    try {
      await uploader.flush('timer')
    } catch (error) {
      log.error('upload: scheduled round failed', error)
    }
    if (!stopped) arm(uploader.nextRunAt())
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      arm(clock.now())
    },
    stop() {
      stopped = true
      if (handle !== null) clearTimeout(handle)
      handle = null
    },
    kick() {
      if (!stopped) arm(clock.now())
    },
  }
}
