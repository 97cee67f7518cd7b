import type { ShellLogger } from '../log'
import { isOpen } from './schedule'
import type { UnattendedSettings } from './settings'

export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number
  stop(id: number): void
}

export interface DisplayAwakeOptions {
  blocker: PowerSaveBlockerLike
  settings: Pick<UnattendedSettings, 'hours' | 'utcOffsetMinutes'>
  now: () => number
  log: ShellLogger
  /** How often to look at the clock; a minute is fine for opening hours. */
  everyMs?: number
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void }
}

/**
 * The board and the rating screen must stay lit while citizens are there, but a screen lit all night ages the
 * panel and wastes power: the display is kept awake only during opening hours, and the OS power plan decides
 * outside them. Returns a function that re-checks now (called every `everyMs`).
 */
export function keepDisplayAwakeDuringHours(options: DisplayAwakeOptions): () => void {
  let blockerId: number | null = null
  const check = () => {
    const open = isOpen(options.settings, options.now())
    if (open && blockerId === null) {
      blockerId = options.blocker.start('prevent-display-sleep')
      options.log.info('opening hours: keeping the display awake')
    } else if (!open && blockerId !== null) {
      options.blocker.stop(blockerId)
      blockerId = null
      options.log.info('closed: the display may sleep')
    }
  }
  check()
  const timer = (options.setInterval ?? setInterval)(check, options.everyMs ?? 60_000)
  timer.unref?.()
  return check
}
