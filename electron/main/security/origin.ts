/**
 * Origin checks shared by the navigation guard and the IPC sender check.
 *
 * Why not `new URL(url).origin`: for a custom scheme such as `app://kiosk/index.html`, Node's WHATWG URL gives the
 * opaque origin `'null'`, so every app:// URL (and every other custom-scheme URL) would compare equal. We build
 * `protocol//host` ourselves, which keeps the scheme, the host and the port apart.
 */

/** `scheme://host[:port]` of a URL, or null when it has no host (about:blank, data:, file:, garbage). */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.host === '') return null
  return `${parsed.protocol}//${parsed.host}`
}

/** True when `url` belongs to one of `allowedOrigins` (each given as `scheme://host[:port]`). */
export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && allowedOrigins.includes(origin)
}
