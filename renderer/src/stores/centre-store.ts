import { create } from 'zustand'
import type { CentreOverview } from '../../../shared/schemas/centre'

type CentreState =
  | { status: 'loading'; overview: null; error: null }
  | { status: 'ready'; overview: CentreOverview; error: null }
  | { status: 'failed'; overview: null; error: string }

interface CentreStore {
  state: CentreState
  load(): Promise<void>
}

/** The centre's configuration as the home screen shows it: centre, kiosk settings, fields, counters, officers. */
export const useCentreStore = create<CentreStore>()((set) => ({
  state: { status: 'loading', overview: null, error: null },
  async load() {
    set({ state: { status: 'loading', overview: null, error: null } })
    const result = await window.api.centre.overview({})
    set({
      state: result.ok
        ? { status: 'ready', overview: result.value, error: null }
        : { status: 'failed', overview: null, error: `${result.error.code}: ${result.error.message}` },
    })
  },
}))
