import { originOf } from './security/origin'

/** The app's own origin in production: the renderer is served by the `app` protocol handler (protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'kiosk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** How this run of the shell behaves; decided once at start-up from facts Electron gives us. */
export interface ShellMode {
  /** A packaged install: kiosk lock-down (no reload/devtools shortcuts, no menu, no devtools). */
  production: boolean
  /** Whether the renderer may open devtools: only in an unpackaged checkout. */
  devTools: boolean
  /** Origin of the electron-vite dev server when the renderer comes from it (`npm run dev`), else null. */
  devServerOrigin: string | null
  /** The URL the main window loads. */
  startUrl: string
  /** Origins whose main frame may navigate, and call the contract over IPC. Exactly one. */
  allowedOrigins: readonly string[]
}

/**
 * ELECTRON_RENDERER_URL is honoured only in an unpackaged app: in a packaged kiosk, anyone who can set an
 * environment variable could otherwise point the window, and with it the privileged bridge, at their own server.
 */
export function resolveShellMode(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): ShellMode {
  const devUrl = isPackaged ? undefined : env['ELECTRON_RENDERER_URL']
  const devServerOrigin = devUrl === undefined ? null : originOf(devUrl)
  if (devUrl !== undefined && devServerOrigin === null) {
    throw new Error(`ELECTRON_RENDERER_URL is not an absolute URL: ${devUrl}`)
  }
  return {
    production: isPackaged,
    devTools: !isPackaged,
    devServerOrigin,
    startUrl: devUrl !== undefined ? devUrl : `${APP_ORIGIN}/index.html`,
    allowedOrigins: [devServerOrigin ?? APP_ORIGIN],
  }
}
