import { create } from 'zustand'
import type { DayRange, MyRatings } from '../../../shared/schemas/staff'

interface StaffStore {
  range: DayRange
  data: MyRatings | null
  error: string | null
  load(range: DayRange): Promise<void>
  /** Forgets everything when the session ends: back and reload must show no staff data. */
  clear(): void
}

export const useStaffStore = create<StaffStore>()((set) => ({
  range: { kind: 'last', days: 1 },
  data: null,
  error: null,
  async load(range) {
    set({ range, error: null })
    const result = await window.api.staff.myRatings({ range })
    set(result.ok ? { data: result.value } : { data: null, error: result.error.code })
  },
  clear: () => set({ range: { kind: 'last', days: 1 }, data: null, error: null }),
}))
