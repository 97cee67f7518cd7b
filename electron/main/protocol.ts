import fs from 'node:fs/promises'
import path from 'node:path'
import type { Protocol } from 'electron'
import type { Core } from '../core/core'
import { resolveStaticFile } from '../core/static-files'
import { APP_HOST, APP_SCHEME } from './mode'

/**
 * Must run before `app` is ready. `standard` gives app:// normal URL parsing and relative URLs (the renderer is
 * built with base './'), `secure` makes it a secure context like https (checklist #8), `supportFetchAPI` lets
 * the page fetch its own assets. No `bypassCSP` and no `corsEnabled`: the page gets no more than it needs.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export interface AppRequestHandlerOptions {
  /** The built renderer (`out/renderer`); nothing outside it is ever served. */
  rendererDir: string
  readMedia: Core['readMedia']
  /** The Content-Security-Policy header value put on every response (checklist #7). */
  csp: string
}

export type AppRequestHandler = (request: Request) => Promise<Response>

/**
 * The app:// request → response logic, kept free of Electron so it can be tested with real files.
 * - only `app://kiosk/…`, only GET/HEAD;
 * - `/media/…` is answered by core (seed photos, uploaded officer photos), which validates the path itself;
 * - anything else is a file of the renderer dir; `/` means index.html. The URL parser already folds `..` and
 *   `%2e%2e` segments, but an encoded slash (`..%2f`) survives it and becomes a separator once decoded, so
 *   `resolveStaticFile` resolves the decoded path and refuses anything outside the renderer dir.
 * Every response, errors included, carries the CSP and `nosniff`.
 */
export function createAppRequestHandler(options: AppRequestHandlerOptions): AppRequestHandler {
  const root = path.resolve(options.rendererDir)
  const text = 'text/plain; charset=utf-8'
  const respond = (status: number, body: Uint8Array | string | null, contentType = text): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': options.csp,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  const notFound = () => respond(404, 'Not found')

  return async (request) => {
    const url = new URL(request.url)
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound()
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed')

    if (url.pathname.startsWith('/media/')) {
      const media = await options.readMedia(url.pathname.slice(1))
      return media === null ? notFound() : respond(200, new Uint8Array(media.body), media.contentType)
    }

    // The same resolver as the web host's: decoded, resolved, and refused unless it stays inside the bundle.
    const file = resolveStaticFile(root, url.pathname)
    if (file === null) return notFound()
    try {
      const body = await fs.readFile(file.file)
      return respond(200, request.method === 'HEAD' ? null : new Uint8Array(body), file.contentType)
    } catch {
      // Missing file, a directory, or unreadable: all the same to the renderer.
      return notFound()
    }
  }
}

/** Serves the renderer on app:// for the default session. Call once, after `app` is ready. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, handler: AppRequestHandler): void {
  protocol.handle(APP_SCHEME, handler)
}
