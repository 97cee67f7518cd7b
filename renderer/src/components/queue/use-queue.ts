import { useEffect, useState } from 'react'
import { useQueueStore } from '../../stores/queue-store'

/** Keeps the queue store connected to core's pushes while a queue screen is mounted. */
export function useQueueConnection(): void {
  const connect = useQueueStore((s) => s.connect)
  useEffect(() => connect(), [connect])
}

/** The current time, ticking every `ms`: only for showing ages ("30 giây trước"), never for fetching data. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
