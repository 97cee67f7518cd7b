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
  /**
   * Asks the shell again (the offline screen's re-read): its answer, or null when a push overtook it on its way
   * or the shell could not say. The caller applies it as it applies a push.
   */
  reread(): Promise<LinkStatus | null>
  set(status: LinkStatus): void
}

/** Pushes received so far: an answer that a push overtook on its way is stale (see `ask`). */
let pushes = 0

/**
 * The shell's answer about the link, and whether a push came while it was on its way. Every change is pushed, and
 * pushes arrive in order, on another connection than this answer: one that came meanwhile is as new as it or
 * newer. Applied after it, the answer would put an older state back — "offline" over the "online" of a client
 * whose stream opened just as it was paired, or "online" over a hub that died again while a re-read was answered
 * — and keep it on screen until the next change (an online screen re-reads nothing).
 */
async function ask() {
  const before = pushes
  const result = await window.api.link.status({})
  return { result, stale: pushes !== before }
}

/**
 * Where this PC stands in the centre network, as its own shell reports it: the hub or a single kiosk (`local`), a
 * client not paired yet, or a paired client online or offline. Kept fresh by the `link:status` push.
 */
export const useLinkStore = create<LinkStore>()((set) => ({
  status: null,
  failed: false,
  receivedAt: 0,
  async load() {
    const { result, stale } = await ask()
    if (stale) return
    set(result.ok ? { status: result.value, failed: false, receivedAt: performance.now() } : { failed: true })
  },
  async reread() {
    const { result, stale } = await ask()
    return result.ok && !stale ? result.value : null
  },
  set: (status) => {
    pushes += 1
    set({ status, failed: false, receivedAt: performance.now() })
  },
}))
