import { describe, expect, it } from 'vitest'
import { date, dateTime, day, timeOfDay } from '../../renderer/src/screens/staff/format'

// 16:30:05 UTC is 23:30:05 in Vietnam, a date apart from New York's 11:30 and from UTC's next-morning hours.
const at = Date.UTC(2030, 11, 31, 16, 30, 5)

describe('times shown to staff', () => {
  it('are the centre\'s time of day, not the OS zone\'s (the suite also runs with TZ=America/New_York)', () => {
    expect(timeOfDay(at)).toBe('23:30:05')
    expect(timeOfDay(at + 40 * 60_000)).toBe('00:10:05')
  })

  it('carry the centre\'s date across its midnight, as dd/mm/yyyy in both languages', () => {
    expect(dateTime(at)).toBe('31/12/2030 23:30')
    expect(dateTime(at + 40 * 60_000)).toBe('01/01/2031 00:10')
    expect(date(at + 40 * 60_000)).toBe('01/01/2031')
    // A single-digit day and month keep their zero: "05/03/2026", never "5/3/26" (vi-VN's short style).
    expect(date(Date.UTC(2026, 2, 4, 20, 0, 0))).toBe('05/03/2026')
  })

  it('turn a service day from core ("2026-11-26") into dd/mm/yyyy, and leave anything else as it came', () => {
    expect(day('2026-11-26')).toBe('26/11/2026')
    expect(day('2026-1-2')).toBe('2026-1-2')
  })
})
