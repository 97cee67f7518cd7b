import type { RenderProcessGoneDetails, WebContents } from 'electron'
import type { ShellLogger } from './log'

export interface CrashRecoveryOptions {
  /** Reloads the app into the window (loadURL of the start URL, not `reload()`: that is a no-op before commit). */
  reload: () => void
  log: ShellLogger
  now?: () => number
  /** Reloads allowed within `windowMs`; one more crash in that window and we stop. */
  maxReloads?: number
  windowMs?: number
}

/**
 * An unattended kiosk must come back by itself when its renderer dies (OOM, GPU driver, a killed process), so
 * the window reloads the app. A renderer that dies again and again would loop forever and hammer the disk and
 * CPU, so after more than `maxReloads` crashes within `windowMs` we stop and leave it to IT (the log says why).
 * Ratings are safe either way: they are committed in main before the renderer says thank you.
 */
export function recoverFromCrashes(
  contents: Pick<WebContents, 'on' | 'isDestroyed'>,
  options: CrashRecoveryOptions,
): void {
  const now = options.now ?? Date.now
  const maxReloads = options.maxReloads ?? 3
  const windowMs = options.windowMs ?? 60_000
  let crashes: number[] = []

  contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    options.log.error(`renderer gone: ${details.reason} (exit code ${details.exitCode})`)
    // clean-exit is the renderer shutting down with its window, not a crash.
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return
    const t = now()
    crashes = [...crashes.filter((at) => t - at < windowMs), t]
    if (crashes.length > maxReloads) {
      options.log.error(
        `renderer crashed ${crashes.length} times within ${windowMs / 1000} s: not reloading again; restart the app`,
      )
      return
    }
    options.reload()
  })
  contents.on('unresponsive', () => options.log.warn('renderer unresponsive'))
  contents.on('responsive', () => options.log.info('renderer responsive again'))
}
