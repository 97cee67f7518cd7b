import { describe, expect, it } from 'vitest'

/**
 * Runs only in .ci/run's second pass (clock moved with libfaketime, another TZ), and checks that the move really
 * reached this vitest worker: a pass that silently ran on the real clock would prove nothing. It is the one test
 * that reads the wall clock, on purpose — it tests the environment, not the app.
 */
const movedTo = process.env.KIOSK_CLOCK_MOVED_TO

describe.runIf(movedTo !== undefined)('the clock-moved run of the suite', () => {
  it('sees the moved date and the other time zone in this worker process', () => {
    const target = Date.parse(movedTo ?? '')
    // The suite takes minutes; half an hour allows for a slow machine without mistaking the real date for it.
    expect(Math.abs(Date.now() - target)).toBeLessThan(30 * 60_000)
    expect(process.env.TZ).toBeDefined()
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ)
    expect(new Date(target).getTimezoneOffset()).not.toBe(0)
  })
})
