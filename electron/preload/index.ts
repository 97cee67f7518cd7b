/**
 * The sandboxed preload: bundled to one CJS file (a sandboxed preload can `require` only 'electron' and a few
 * polyfills, and cannot be ESM). It imports nothing but 'electron' and the zod-free bridge/channel modules, so
 * the bundle stays tiny; input validation happens in main, where it cannot be bypassed.
 *
 * The page gets `window.api` only: one named function per contract call and `on(event, listener)`. No raw
 * ipcRenderer, no generic `invoke(channel)`, and listeners never see the IpcRendererEvent (its `sender` is the
 * ipcRenderer itself). Checklist #3 (context isolation) and #17 (main validates the sender).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi, type BridgeTransport } from '../../shared/bridge'

const ipcTransport: BridgeTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
}

contextBridge.exposeInMainWorld('api', buildApi(ipcTransport))
