import { create } from 'zustand'
import type { LoginDirectory, LoginResult, SessionView } from '../../../shared/schemas/auth'

interface AuthStore {
  /** The session this page logged in. Core holds the real one and checks it on every call. */
  session: SessionView | null
  directory: LoginDirectory | null
  loadDirectory(): Promise<void>
  login(accountId: number, pin: string): Promise<LoginResult | null>
  setupFirstAdmin(displayName: string, pin: string): Promise<LoginResult | null>
  /** Tells core the user is still there; drops the session here when core says it is over. */
  touch(): Promise<void>
  logout(): Promise<void>
  /**
   * Asks core whether the session is still there without counting as activity; drops it here if not. Returns
   * whether it lives (a refused call may mean "expired" or "not allowed here": only core knows which).
   */
  sync(): Promise<boolean>
}

/** Staff and admin login state, shared by the staff and admin areas. */
export const useAuthStore = create<AuthStore>()((set) => {
  const settle = (result: Awaited<ReturnType<typeof window.api.auth.login>>): LoginResult | null => {
    if (!result.ok) return null
    if (result.value.status === 'ok') set({ session: result.value.session })
    return result.value
  }
  return {
    session: null,
    directory: null,
    async loadDirectory() {
      const result = await window.api.auth.accounts({})
      if (result.ok) set({ directory: result.value })
    },
    login: async (accountId, pin) => settle(await window.api.auth.login({ accountId, pin })),
    setupFirstAdmin: async (displayName, pin) => settle(await window.api.auth.setup({ displayName, pin })),
    async touch() {
      const result = await window.api.auth.touch({})
      set({ session: result.ok ? result.value : null })
    },
    async sync() {
      const result = await window.api.auth.session({})
      const session = result.ok ? result.value : null
      set({ session })
      return session !== null
    },
    async logout() {
      set({ session: null })
      await window.api.auth.logout({})
    },
  }
})
