/**
 * The service day a moment belongs to. Ticket numbers restart when the local clock in `timeZone` passes
 * `resetHour`, so a centre that opens at 7:00 and resets at 5:00 never restarts numbers in the middle of work,
 * and a kiosk whose OS clock is set to UTC still counts days the way the centre does (Asia/Ho_Chi_Minh).
 */
export interface DayRule {
  timeZone: string
  resetHour: number
}

const HOUR = 3_600_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    // en-CA formats dates as YYYY-MM-DD, the form the tickets table stores.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f
}

/** `YYYY-MM-DD` of the service day containing `at` (epoch ms). */
export function serviceDay(at: number, rule: DayRule): string {
  return formatter(rule.timeZone).format(new Date(at - rule.resetHour * HOUR))
}

/**
 * The first moment after `at` that belongs to a later service day, found by stepping whole hours (reset hours
 * are whole hours in every time zone in use) then narrowing to the minute, so DST jumps elsewhere cannot fool it.
 */
export function nextDayStart(at: number, rule: DayRule): number {
  const today = serviceDay(at, rule)
  let hi = Math.floor(at / HOUR) * HOUR + HOUR
  while (serviceDay(hi, rule) === today) hi += HOUR
  let lo = hi - HOUR
  // Invariant: lo is in today (or is `at`'s hour start), hi is not.
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000
    if (serviceDay(mid, rule) === today) lo = mid
    else hi = mid
  }
  return hi
}
