import path from 'node:path'
import type { ShellLogger } from '../log'
import { createActivityTracker, type InputSource } from './activity'
import { applyAutostart, type LoginItemApp } from './autostart'
import { keepDisplayAwakeDuringHours, type PowerSaveBlockerLike } from './display-awake'
import { scheduleNightlyRestart } from './nightly-restart'
import { createRelauncher, type RelaunchApp } from './relaunch'
import type { UnattendedSettings } from './settings'

export interface UnattendedDeps {
  app: RelaunchApp & LoginItemApp & { quit(): void }
  /** Packaged installs only: a developer's checkout neither starts at login nor relaunches itself. */
  packaged: boolean
  settings: UnattendedSettings
  powerSaveBlocker: PowerSaveBlockerLike
  userData: string
  configHome: string
  executable: string
  platform: NodeJS.Platform
  now: () => number
  log: ShellLogger
  /** Registers the handler of a fatal main-process error (process.on('uncaughtException')). */
  onFatal: (listener: (error: unknown) => void) => void
  /** No input for this long on any screen = nobody is rating or logged in (the citizen idle time is 30 s). */
  quietMs?: number
  /** How long the app must run before a past crash no longer slows the next relaunch. */
  healthyAfterMs?: number
  setTimeout?: (fn: () => void, ms: number) => { unref?: () => void }
}

/**
 * Everything that keeps a kiosk running with nobody at it, in one place for index.ts: crash relaunch with backoff,
 * start at login, display awake during opening hours, the nightly restart that waits for a quiet kiosk.
 */
export function startUnattended(deps: UnattendedDeps) {
  const later = deps.setTimeout ?? setTimeout
  const activity = createActivityTracker(deps.now, deps.quietMs ?? 3 * 60_000)
  /** Replaced by the updater so a downloaded update installs at the nightly restart. */
  let restart = () => {
    deps.app.relaunch()
    deps.app.quit()
  }
  if (deps.packaged) {
    const relauncher = createRelauncher({
      app: deps.app,
      file: path.join(deps.userData, 'crashes.json'),
      now: deps.now,
      log: deps.log,
    })
    deps.onFatal((error) => relauncher.onFatal(error))
    later(() => relauncher.markHealthy(), deps.healthyAfterMs ?? 10 * 60_000).unref?.()
    applyAutostart({
      platform: deps.platform,
      app: deps.app,
      enabled: deps.settings.startAtLogin,
      executable: deps.executable,
      configHome: deps.configHome,
      log: deps.log,
    })
  }
  return {
    activity,
    /** Called once the windows exist. */
    onWindows(screens: InputSource[]): void {
      for (const screen of screens) activity.watch(screen)
      keepDisplayAwakeDuringHours({ blocker: deps.powerSaveBlocker, settings: deps.settings, now: deps.now, log: deps.log })
      scheduleNightlyRestart({
        settings: deps.settings,
        now: deps.now,
        isBusy: activity.isBusy,
        restart: () => restart(),
        log: deps.log,
        setTimeout: later,
      })
    },
    setRestart(next: () => void): void {
      restart = next
    },
  }
}
