import type { App, Event, WebContents } from 'electron'
import type { ShellLogger } from '../log'
import { isAllowedOrigin } from './origin'

/** The parts of a navigation event we use: the new `details` object Electron ≥ 25 passes first. */
interface NavigationEvent {
  url: string
  preventDefault(): void
}

/**
 * Locks one web-contents to the app's origin.
 * - #13 Disable or limit navigation: will-navigate, will-frame-navigate (sub-frames) and will-redirect to any
 *   other origin are cancelled, so a link, a form or a redirect cannot carry the window (and the bridge) away.
 * - #14 Disable or limit creation of new windows: window.open and target=_blank are always denied; the kiosk
 *   never opens a second window, and opening links in the OS browser would be a way out of the kiosk.
 * - #12 Verify WebView options before creation: <webview> is disabled in webPreferences, and any attempt to
 *   attach one anyway is cancelled.
 */
export function guardNavigation(contents: WebContents, allowedOrigins: readonly string[], log: ShellLogger): void {
  const guard = (kind: string) => (event: NavigationEvent) => {
    if (isAllowedOrigin(event.url, allowedOrigins)) return
    event.preventDefault()
    log.warn(`${kind} blocked: ${event.url.slice(0, 200)}`)
  }
  contents.on('will-navigate', guard('navigation'))
  contents.on('will-frame-navigate', guard('frame navigation'))
  contents.on('will-redirect', guard('redirect'))
  contents.setWindowOpenHandler((details) => {
    log.warn(`window.open denied: ${details.url.slice(0, 200)}`)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event: Event) => {
    event.preventDefault()
    log.warn('webview attach blocked')
  })
}

/** Applies `guardNavigation` to every web-contents the app ever creates, not only the main window's. */
export function guardAllWebContents(
  app: Pick<App, 'on'>,
  allowedOrigins: readonly string[],
  log: ShellLogger,
): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, allowedOrigins, log))
}
