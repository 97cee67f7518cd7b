/**
 * The renderer's Content Security Policy (Electron security checklist #7), one definition for both shells.
 * Production: only the app's own origin, no inline script or style, no eval, no frames, no plugins.
 * `connect` is 'none' under Electron (the renderer talks to main over IPC only) and 'self' under the web host
 * (its bridge calls the host's own HTTP endpoints).
 */
export function contentSecurityPolicy(options: { connect: "'none'" | "'self'"; devServerOrigin?: string }): string {
  const dev = options.devServerOrigin
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    // The dev server needs inline scripts for React Fast Refresh and websockets for HMR; production gets neither.
    ['script-src', dev ? `'self' 'unsafe-inline' ${dev}` : "'self'"],
    ['style-src', dev ? `'self' 'unsafe-inline' ${dev}` : "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['media-src', "'self'"],
    ['connect-src', dev ? `'self' ${dev} ${dev.replace(/^http/, 'ws')}` : options.connect],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
  ]
  return directives.map(([name, value]) => `${name} ${value}`).join('; ')
}
