import { create } from 'zustand'
import type { AdminConfig } from '../../../shared/schemas/admin'

interface AdminStore {
  config: AdminConfig | null
  load(): Promise<void>
  /** Forgets the configuration when the admin session ends. */
  clear(): void
}

/** The configuration the admin pages edit, reloaded after every save (core is the source of truth). */
export const useAdminStore = create<AdminStore>()((set) => ({
  config: null,
  async load() {
    const result = await window.api.admin.config({})
    set({ config: result.ok ? result.value : null })
  },
  clear: () => set({ config: null }),
}))
