import { useEffect, useState } from 'react'
import type { FoundHub } from '../../../shared/schemas/devices'

/** How often the pairing screen asks its shell which hubs it has heard (announcements come every few seconds). */
const POLL_MS = 2000

/**
 * The hubs this PC's shell hears announcing themselves on the LAN (DNS-SD), for the pairing screen to offer. Asked
 * again every few seconds while the screen shows; a failed answer keeps the last list (it is only a convenience:
 * the typed or scanned code is what pairs).
 */
export function useFoundHubs(): FoundHub[] {
  const [hubs, setHubs] = useState<FoundHub[]>([])
  useEffect(() => {
    let live = true
    const ask = () =>
      void window.api.link.discover({}).then((result) => {
        if (live && result.ok) setHubs(result.value)
      })
    ask()
    const timer = setInterval(ask, POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [])
  return hubs
}
