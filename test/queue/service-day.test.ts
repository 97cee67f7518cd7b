import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nextDayStart, serviceDay } from '../../electron/core/queue/service-day'

const vn = { timeZone: 'Asia/Ho_Chi_Minh', resetHour: 0 }

describe('service day', () => {
  it('follows the centre clock, not UTC, and the configured reset hour', () => {
    expect(serviceDay(Date.UTC(2026, 10, 26, 16, 59), vn)).toBe('2026-11-26') // 23:59 in Vietnam
    expect(serviceDay(Date.UTC(2026, 10, 26, 17, 0), vn)).toBe('2026-11-27') // 00:00
    const fiveAm = { ...vn, resetHour: 5 }
    expect(serviceDay(Date.UTC(2026, 10, 26, 21, 59), fiveAm)).toBe('2026-11-26') // 04:59 next morning
    expect(serviceDay(Date.UTC(2026, 10, 26, 22, 0), fiveAm)).toBe('2026-11-27') // 05:00
  })

  it('the next day starts at the first minute with a new day, in any zone and reset hour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom('Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'UTC'),
        fc.integer({ min: 0, max: 23 }),
        (at, timeZone, resetHour) => {
          const rule = { timeZone, resetHour }
          const next = nextDayStart(at, rule)
          expect(next).toBeGreaterThan(at)
          expect(serviceDay(next, rule)).not.toBe(serviceDay(at, rule))
          expect(serviceDay(next - 60_000, rule)).toBe(serviceDay(at, rule))
        },
      ),
      { numRuns: 200 },
    )
  })
})
