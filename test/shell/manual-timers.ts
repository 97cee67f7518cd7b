/** Timers the test fires by hand; each records its delay. */
export function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = []
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      pending.push({ fn, ms })
      return {}
    },
    fireNext() {
      const next = pending.shift()
      if (next === undefined) throw new Error('no timer pending')
      next.fn()
      return next.ms
    },
  }
}
