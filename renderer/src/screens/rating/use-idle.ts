import { useEffect, useRef, useState } from 'react'

/**
 * Calls `onIdle` after `seconds` without a touch or a key, and reports the seconds left during the last
 * `warnSeconds` (null before that) so the screen can show a countdown. Any touch restarts the wait.
 */
export function useIdle(seconds: number, onIdle: () => void, warnSeconds = 5): number | null {
  const last = useRef(0)
  const [left, setLeft] = useState<number | null>(null)

  useEffect(() => {
    last.current = Date.now()
    const touch = () => {
      last.current = Date.now()
      setLeft(null)
    }
    window.addEventListener('pointerdown', touch, true)
    window.addEventListener('keydown', touch, true)
    const timer = window.setInterval(() => {
      const remaining = seconds - (Date.now() - last.current) / 1000
      if (remaining <= 0) {
        window.clearInterval(timer)
        onIdle()
      } else setLeft(remaining <= warnSeconds ? Math.ceil(remaining) : null)
    }, 250)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('pointerdown', touch, true)
      window.removeEventListener('keydown', touch, true)
    }
  }, [seconds, warnSeconds, onIdle]) // pass a stable onIdle (useCallback): a new one restarts the wait

  return left
}
