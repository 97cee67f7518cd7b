import type { UnattendedSettings } from './settings'

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Weekday (0 = Sunday) and minute of the day at the centre, from an instant and the centre's fixed UTC offset. */
export function localTime(at: number, utcOffsetMinutes: number): { weekday: number; minute: number } {
  const shifted = new Date(at + utcOffsetMinutes * 60_000)
  return { weekday: shifted.getUTCDay(), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() }
}

/** Whether the centre is open at `at` (opening minute included, closing minute excluded). */
export function isOpen(settings: Pick<UnattendedSettings, 'hours' | 'utcOffsetMinutes'>, at: number): boolean {
  const { weekday, minute } = localTime(at, settings.utcOffsetMinutes)
  const day = settings.hours[weekday]
  if (day === null || day === undefined) return false
  return minute >= minutesOf(day.open) && minute < minutesOf(day.close)
}

/** The next instant strictly after `after` when the local clock shows `hhmm`. */
export function nextLocalTime(hhmm: string, utcOffsetMinutes: number, after: number): number {
  const { minute } = localTime(after, utcOffsetMinutes)
  const startOfMinute = after - (after % 60_000)
  let delta = minutesOf(hhmm) - minute
  if (delta <= 0) delta += 24 * 60
  return startOfMinute + delta * 60_000
}
