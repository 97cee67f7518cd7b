import type { DayRange } from '../../../shared/schemas/staff'
import { AppError } from '../errors'
import { nextDayStart, serviceDay, type DayRule } from '../queue/service-day'

const HOUR = 3_600_000
export const MAX_RANGE_DAYS = 366

export interface ResolvedRange {
  fromDay: string
  toDay: string
  /** [start, end) in epoch ms. */
  start: number
  end: number
  /** Every day of the range, in order. */
  days: string[]
  /** When each of `days` starts (epoch ms); each day ends where the next starts, the last at `end`. */
  starts: number[]
}

/** The first moment of the calendar day containing `at`, in the centre's time zone. */
export function dayStart(at: number, rule: DayRule): number {
  let start = nextDayStart(at - 26 * HOUR, rule)
  while (nextDayStart(start, rule) <= at) start = nextDayStart(start, rule)
  return start
}

/** Noon UTC of a `YYYY-MM-DD` falls on that same date in every zone from UTC−11 to UTC+11, Vietnam included. */
function noonOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d, 12)
}

/**
 * Turns "today / 7 / 30 days / custom" into timestamps, with days counted the way the centre counts them
 * (`queue.timeZone`, midnight), not the OS clock's zone.
 */
export function resolveRange(range: DayRange, now: number, timeZone: string): ResolvedRange {
  const rule: DayRule = { timeZone, resetHour: 0 }
  let start: number
  let end: number
  if (range.kind === 'last') {
    end = nextDayStart(now, rule)
    start = dayStart(now, rule)
    for (let i = 1; i < range.days; i++) start = dayStart(start - 1, rule)
  } else {
    if (range.fromDay > range.toDay) throw new AppError('BAD_INPUT', 'the range ends before it starts')
    start = dayStart(noonOf(range.fromDay), rule)
    end = nextDayStart(noonOf(range.toDay), rule)
  }
  const days: string[] = []
  const starts: number[] = []
  for (let t = start; t < end && days.length <= MAX_RANGE_DAYS; t = dayAfter(t, rule)) {
    days.push(serviceDay(t, rule))
    starts.push(t)
  }
  if (days.length > MAX_RANGE_DAYS) throw new AppError('BAD_INPUT', `at most ${MAX_RANGE_DAYS} days`)
  return { fromDay: days[0] ?? '', toDay: days.at(-1) ?? '', start, end, days, starts }
}

/**
 * nextDayStart of a day's first moment, trying "24 hours later" first: a year's range is 366 days, and the
 * general search formats some thirty dates per day. The guess is taken only when it is exactly what
 * nextDayStart finds — the minute it starts is not today and the minute before is — else the search decides
 * (a daylight-saving day somewhere).
 */
function dayAfter(start: number, rule: DayRule): number {
  const guess = start + 24 * HOUR
  const today = serviceDay(start, rule)
  if (guess % 60_000 === 0 && serviceDay(guess - 60_000, rule) === today && serviceDay(guess, rule) !== today) return guess
  return nextDayStart(start, rule)
}
