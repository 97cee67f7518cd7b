import type { ShellLogger } from '../log'
import { isOpen, nextLocalTime } from './schedule'
import type { UnattendedSettings } from './settings'

export interface NightlyRestartOptions {
  settings: Pick<UnattendedSettings, 'hours' | 'utcOffsetMinutes' | 'nightlyRestart'>
  now: () => number
  /** True while a citizen or an officer may be using a screen (activity.ts): the restart then waits. */
  isBusy: () => boolean
  /** Relaunches the app (or installs a downloaded update and relaunches: updater.ts). */
  restart: () => void
  log: ShellLogger
  setTimeout?: (fn: () => void, ms: number) => { unref?: () => void }
  /** How long to wait before asking again when the kiosk is busy. */
  retryMs?: number
}

/**
 * A kiosk that runs for months leaks a little (GPU process, fonts, caches); one restart a night, when the centre
 * is closed, keeps it fresh and is when a downloaded update gets installed. It never interrupts anyone: if a
 * screen was touched recently, or the centre is open (hours changed, clock moved), it asks again a minute later.
 * Returns a function that cancels the schedule.
 */
export function scheduleNightlyRestart(options: NightlyRestartOptions): () => void {
  const at = options.settings.nightlyRestart
  if (at === null) return () => {}
  const later = options.setTimeout ?? setTimeout
  const retryMs = options.retryMs ?? 60_000
  let cancelled = false
  const arm = (ms: number) => {
    const timer = later(() => {
      if (!cancelled) attempt()
    }, ms)
    timer.unref?.()
  }
  const attempt = () => {
    const t = options.now()
    if (options.isBusy() || isOpen(options.settings, t)) {
      options.log.info('nightly restart postponed: the kiosk is in use')
      arm(retryMs)
      return
    }
    options.log.info('nightly restart')
    options.restart()
  }
  const t = options.now()
  arm(nextLocalTime(at, options.settings.utcOffsetMinutes, t) - t)
  return () => {
    cancelled = true
  }
}
