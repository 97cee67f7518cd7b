import { buildApi, type BridgeTransport } from '../../shared/bridge'

/**
 * The web test host's stand-in for the preload: the same `window.api`, built by the same `buildApi`, with HTTP
 * POSTs to the host instead of IPC and a server-sent event stream instead of `webContents.send`. Only the web host
 * loads this file; the Electron build never references it.
 */
// Opened at once, so pushes made while the app is still starting are not missed.
const source = new EventSource('./api/events')
// The shell's name for this page, as Electron uses the window's webContents id: each page load is its own client,
// so a staff login here holds a session for this page only. A fresh id on reload is a fresh (logged-out) client.
const clientId = crypto.randomUUID()

const transport: BridgeTransport = {
  async invoke(channel, input) {
    const response = await fetch(`./api/call/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-client': clientId },
      body: JSON.stringify(input === undefined ? null : input),
    })
    return response.json()
  },
  subscribe(event, listener) {
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data))
    source.addEventListener(event, handler)
    return () => source.removeEventListener(event, handler)
  },
}

Object.defineProperty(window, 'api', { value: buildApi(transport), writable: false, configurable: false })
