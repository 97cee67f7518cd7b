import type http from 'node:http'
import type { Html } from './html'

/** What a dashboard handler answers; the collector's server writes it out (a Buffer for the XLSX export). */
export interface WebReply {
  status: number
  headers: Record<string, string>
  body: string | Buffer
}

/**
 * Every dashboard response: a strict CSP (scripts and styles only from this origin, no inline anything, forms
 * post only here, never framed), no sniffing, no referrer to other sites, never cached (the pages carry people's ratings).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on a form POST, which the
  // Origin check (dashboard.ts) must refuse; same-origin still sends nothing to any other site.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
}

export function page(body: Html, status = 200, headers: Record<string, string> = {}): WebReply {
  return { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...headers }, body: `<!doctype html>\n${body.text}` }
}

export function redirect(location: string, headers: Record<string, string> = {}): WebReply {
  return { status: 303, headers: { ...SECURITY_HEADERS, location, ...headers }, body: '' }
}

export function download(contentType: string, filename: string, body: string | Buffer): WebReply {
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"` },
    body,
  }
}

export function cookies(req: http.IncomingMessage): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  return out
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path limited to the dashboard;
 * Secure when the collector is behind TLS. `maxAge` 0 clears it.
 */
export function setCookie(name: string, value: string, secure: boolean, maxAgeSeconds?: number): string {
  const parts = [`${name}=${value}`, 'Path=/dashboard', 'HttpOnly', 'SameSite=Strict']
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`)
  if (secure) parts.push('Secure')
  return parts.join('; ')
}

/** A posted form; anything but url-encoded is refused by the caller before this. */
export function formFields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) out[k] = v
  return out
}

/**
 * The client's address for the login limit: the socket's, or, behind a proxy the collector is told to trust, the
 * last X-Forwarded-For entry — the one that proxy appended. The entries before it are whatever the client sent, so
 * taking the first would let one machine pose as a new address on every attempt.
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for']
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined
  if (trustProxy && last !== undefined && last !== '') return last
  return req.socket.remoteAddress ?? ''
}
