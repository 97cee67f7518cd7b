import type { KioskApi } from '../../shared/bridge'

declare global {
  interface Window {
    /** Given by the preload under Electron, by the web bridge under the web test host. */
    readonly api: KioskApi
  }
}
