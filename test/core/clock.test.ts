import { describe, expect, it } from 'vitest'
import { parseInstant, tickingClock } from '../../electron/core/clock'

describe('the ticking test clock (web host --clock-start)', () => {
  it('reads its start first, then moves exactly as far as the monotonic counter', () => {
    let counter = 5_000.4
    const clock = tickingClock(Date.UTC(2031, 0, 1, 16, 30), () => counter)
    expect(clock.now()).toBe(Date.UTC(2031, 0, 1, 16, 30))
    counter += 90_000
    expect(clock.now()).toBe(Date.UTC(2031, 0, 1, 16, 31, 30))
  })
})

describe('parseInstant', () => {
  it('takes epoch milliseconds and ISO 8601 instants that name their zone', () => {
    expect(parseInstant('1795019400000')).toBe(1795019400000)
    expect(parseInstant('2026-11-26T09:00:00+07:00')).toBe(Date.UTC(2026, 10, 26, 2))
    expect(parseInstant('2026-11-26T02:00Z')).toBe(Date.UTC(2026, 10, 26, 2))
    expect(parseInstant('2026-11-26T02:00:00.250Z')).toBe(Date.UTC(2026, 10, 26, 2, 0, 0, 250))
  })

  it('refuses a local time without a zone, a bare date and words: each would depend on the machine', () => {
    for (const text of ['2026-11-26T09:00:00', '2026-11-26', 'tomorrow', '', '-5', '2026-13-40T09:00Z']) {
      expect(parseInstant(text)).toBeNull()
    }
  })
})
