import type { Session } from 'electron'
import { contentSecurityPolicy } from '../../../shared/csp'
import type { ShellLogger } from '../log'

/**
 * Electron security checklist #7: define a Content Security Policy. One definition lives in shared/csp.ts;
 * under Electron the renderer never connects anywhere (`connect-src 'none'`): it talks to main over IPC only.
 */
export function appCsp(devServerOrigin: string | null = null): string {
  return contentSecurityPolicy(
    devServerOrigin === null ? { connect: "'none'" } : { connect: "'none'", devServerOrigin },
  )
}

/**
 * In production the app:// protocol handler puts the header on every response itself (protocol.ts). In dev the
 * renderer comes from the electron-vite server, which sends no CSP, so we add it to that server's responses,
 * replacing any policy it might send in whatever letter case.
 */
export function installDevServerCsp(
  session: Pick<Session, 'webRequest'>,
  devServerOrigin: string,
  log: ShellLogger,
): void {
  const policy = appCsp(devServerOrigin)
  session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [policy]
    callback({ responseHeaders: headers })
  })
  log.info(`dev server CSP installed for ${devServerOrigin}`)
}
