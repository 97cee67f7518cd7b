import { describe, expect, it } from 'vitest'
import { dateTime, timeOfDay } from '../../renderer/src/screens/staff/format'

// 16:30:05 UTC is 23:30:05 in Vietnam, a date apart from New York's 11:30 and from UTC's next-morning hours.
const at = Date.UTC(2030, 11, 31, 16, 30, 5)

describe('times shown to staff', () => {
  it('are the centre\'s time of day, not the OS zone\'s (the suite also runs with TZ=America/New_York)', () => {
    expect(timeOfDay(at)).toBe('23:30:05')
    expect(timeOfDay(at + 40 * 60_000)).toBe('00:10:05')
  })

  it('carry the centre\'s date across its midnight', () => {
    expect(dateTime(at, 'en')).toBe('31/12/2030, 23:30')
    expect(dateTime(at + 40 * 60_000, 'en')).toBe('01/01/2031, 00:10')
  })
})
