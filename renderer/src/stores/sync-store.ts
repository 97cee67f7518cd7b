import { create } from 'zustand'
import type { SyncStatus } from '../../../shared/schemas/sync'

export type SyncHealth = 'hidden' | 'ok' | 'waiting' | 'problem'

/**
 * What the small indicator shows. A problem is something IT must act on (credentials refused, a request or
 * ratings refused by the collector, a chain finding); waiting is normal life (a backlog, a retry, another process
 * of the kiosk uploading); hidden when upload is off.
 */
export function syncHealth(status: SyncStatus | null): SyncHealth {
  if (status === null || status.state === 'disabled') return 'hidden'
  if (status.state === 'credentials' || status.state === 'rejected' || status.dead > 0 || (status.chain !== null && status.chain.firstBadSeq !== null)) return 'problem'
  if (status.state === 'backoff' || status.state === 'leased' || status.pending > 0) return 'waiting'
  return 'ok'
}

interface SyncStore {
  status: SyncStatus | null
  /** Loads the status and follows `sync:status` pushes; returns the unsubscribe function. */
  follow(): () => void
}

export const useSyncStore = create<SyncStore>()((set) => ({
  status: null,
  follow() {
    void window.api.sync.status({}).then((result) => {
      if (result.ok) set({ status: result.value })
    })
    return window.api.on('sync:status', (status) => set({ status }))
  },
}))
