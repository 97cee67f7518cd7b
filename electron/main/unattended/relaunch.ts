import fs from 'node:fs'
import { z } from 'zod'
import type { ShellLogger } from '../log'

export interface RelaunchApp {
  relaunch(): void
  exit(code: number): void
}

const CrashFileSchema = z.strictObject({ crashes: z.array(z.number().int().nonnegative()).max(100) })

export interface RelaunchOptions {
  app: RelaunchApp
  /** `<userData>/crashes.json`: survives the process, so the backoff grows across relaunches. */
  file: string
  now: () => number
  log: ShellLogger
  setTimeout?: (fn: () => void, ms: number) => unknown
  /** Crashes older than this no longer count. */
  windowMs?: number
  baseDelayMs?: number
  maxDelayMs?: number
}

/**
 * A main-process crash must not leave a dark kiosk until someone visits, but a crash at every start must not turn
 * into a tight loop either. Each fatal error is recorded in a small file; the relaunch waits 2 s, 4 s, 8 s …
 * (capped at 5 minutes) for crashes within the last hour, so a broken install settles into one try every few
 * minutes and the log says why. Ratings are safe: each one is committed before the citizen sees thank-you.
 */
export function createRelauncher(options: RelaunchOptions) {
  const windowMs = options.windowMs ?? 60 * 60_000
  const base = options.baseDelayMs ?? 2_000
  const max = options.maxDelayMs ?? 5 * 60_000
  const read = (): number[] => {
    try {
      const parsed = CrashFileSchema.safeParse(JSON.parse(fs.readFileSync(options.file, 'utf8')))
      return parsed.success ? parsed.data.crashes : []
    } catch {
      return []
    }
  }
  let fatal = false
  return {
    /** The delay the next relaunch waits, given the crashes recorded so far (exposed for the health page/tests). */
    delayFor(crashCount: number): number {
      return Math.min(max, base * 2 ** Math.max(0, crashCount - 1))
    },
    /** Called from `uncaughtException`: record, wait, relaunch, exit. A second fatal error meanwhile is ignored. */
    onFatal(error: unknown): void {
      if (fatal) return
      fatal = true
      const t = options.now()
      const crashes = [...read().filter((at) => t - at < windowMs), t].slice(-100)
      try {
        fs.writeFileSync(options.file, JSON.stringify({ crashes }))
      } catch (writeError) {
        options.log.error('cannot record the crash', writeError)
      }
      const delay = this.delayFor(crashes.length)
      options.log.error(`main process crashed (${crashes.length} in the last hour); relaunching in ${delay / 1000} s`, error)
      ;(options.setTimeout ?? setTimeout)(() => {
        options.app.relaunch()
        options.app.exit(1)
      }, delay)
    },
    /** Called once the app has run well for a while: the next crash starts the backoff from the beginning. */
    markHealthy(): void {
      fs.rmSync(options.file, { force: true })
    },
  }
}
