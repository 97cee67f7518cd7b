import { describe, expect, it } from 'vitest'
import { MAX_RANGE_DAYS, resolveRange } from '../../electron/core/staff/day-range'
import { nextDayStart, serviceDay } from '../../electron/core/queue/service-day'

/** The days of a range found the slow, general way: nextDayStart from each day's start. */
function reference(start: number, end: number, timeZone: string) {
  const rule = { timeZone, resetHour: 0 }
  const days: string[] = []
  const starts: number[] = []
  for (let t = start; t < end; t = nextDayStart(t, rule)) {
    days.push(serviceDay(t, rule))
    starts.push(t)
  }
  return { days, starts }
}

describe('resolveRange', () => {
  // Hà Nội (no DST), zones with a DST jump at midnight or at 2:00, half-hour offsets and a half-hour DST.
  const zones = ['Asia/Ho_Chi_Minh', 'America/Santiago', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']

  it.each(zones)('finds the same day starts as the general search over a whole year in %s', (timeZone) => {
    const r = resolveRange({ kind: 'custom', fromDay: '2025-06-01', toDay: '2026-05-31' }, Date.UTC(2026, 5, 1), timeZone)
    expect(r.days).toHaveLength(365)
    expect(r.days[0]).toBe('2025-06-01')
    expect(r.toDay).toBe('2026-05-31')
    expect({ days: r.days, starts: r.starts }).toEqual(reference(r.start, r.end, timeZone))
  })

  it('still refuses more than a year of days', () => {
    expect(() => resolveRange({ kind: 'custom', fromDay: '2024-01-01', toDay: '2025-12-31' }, 0, 'Asia/Ho_Chi_Minh')).toThrow(
      `at most ${MAX_RANGE_DAYS} days`,
    )
  })
})
