import { create } from 'zustand'
import type { LinkStatus } from '../../../shared/schemas/devices'

interface LinkStore {
  /** Null until the shell has answered: the app shows nothing of the centre before it knows whose data it is. */
  status: LinkStatus | null
  /** The shell could not even say (a broken bridge): shown as an error with a retry. */
  failed: boolean
  /** When the status arrived, on this screen's monotonic clock (`performance.now()`), to age the report. */
  receivedAt: number
  load(): Promise<void>
  set(status: LinkStatus): void
}

/** Pushes received so far: an answer to `load` that a push overtook on its way is stale (see `load`). */
let pushes = 0

/**
 * Where this PC stands in the centre network, as its own shell reports it: the hub or a single kiosk (`local`), a
 * client not paired yet, or a paired client online or offline. Kept fresh by the `link:status` push.
 */
export const useLinkStore = create<LinkStore>()((set) => ({
  status: null,
  failed: false,
  receivedAt: 0,
  async load() {
    const before = pushes
    const result = await window.api.link.status({})
    // Every change is pushed, and pushes arrive in order, on another connection than this answer: one that came
    // while the answer was on its way is as new as it or newer. Applied after it, the answer would put an older
    // state back — "offline" over the "online" of a client whose stream opened just as it was paired — and keep it
    // on screen until the next change.
    if (pushes !== before) return
    set(result.ok ? { status: result.value, failed: false, receivedAt: performance.now() } : { failed: true })
  },
  set: (status) => {
    pushes += 1
    set({ status, failed: false, receivedAt: performance.now() })
  },
}))
