import { useCallback, useEffect, useState } from 'react'
import type { Result } from '../../../../shared/result'

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; code: string }

/** Runs a contract call on mount (and on `reload`), keeping its answer for an admin page. */
export function useCall<T>(run: () => Promise<Result<T>>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    void run().then((result) => {
      if (live) setState(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', code: result.error.code })
    })
    return () => {
      live = false
    }
    // `run` is an inline arrow in every page: the round counter, not its identity, decides when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round])
  return [state, useCallback(() => setRound((r) => r + 1), [])]
}
