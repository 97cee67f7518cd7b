/** Wall-clock time, injected everywhere so tests can move it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * A clock that reads `start` now and then runs at the speed of real time. It is for tests of a whole process
 * (the web host under Playwright): the process works on a known date, whatever the machine's date is, while
 * timers, idle limits and lock-outs still pass in real seconds. `elapsed` is a monotonic milliseconds counter;
 * a monotonic one, because the OS clock may be moved while the process runs.
 */
export function tickingClock(start: number, elapsed: () => number = () => performance.now()): Clock {
  const origin = elapsed()
  return { now: () => start + Math.round(elapsed() - origin) }
}

/**
 * Epoch milliseconds from a command-line value: an integer, or an ISO 8601 instant with its zone spelled out
 * (`2026-11-26T09:00:00+07:00`, `…Z`). A date without a zone is refused: it would mean a different instant in
 * every time zone, which is exactly what a fixed test clock is there to rule out.
 */
export function parseInstant(text: string): number | null {
  if (/^\d{1,15}$/.test(text)) return Number(text)
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : at
}
