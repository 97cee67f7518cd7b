import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { isCallName, isScreenEvent } from '../../shared/channels'
import { contentSecurityPolicy } from '../../shared/csp'
import { fail } from '../../shared/result'
import type { Core } from '../core/core'
import { decodePath } from '../core/http/decode-path'
import { resolveStaticFile } from '../core/static-files'

export interface WebHostOptions {
  core: Core
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
}

export interface WebHost {
  url: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const CALL_PREFIX = '/api/call/'
/** Node lower-cases header names; the bridge sends `X-Kiosk-Client`. */
export const CLIENT_HEADER = 'x-kiosk-client'
// One page load's random id (crypto.randomUUID): a string, UUID-shaped, so its length is bounded too. A repeated
// header arrives as an array and fails here.
const clientHeader = z.uuid()

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy({ connect: "'self'" }),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/**
 * The browser test host: serves the built renderer and the same contract as the Electron shell, over HTTP and a
 * server-sent event stream, on 127.0.0.1 only. Every call goes through `core.invoke` — the host adds transport,
 * never behaviour. Guards: the Host header must name this loopback address (DNS rebinding) and calls must come
 * from this origin with a JSON body (cross-site requests).
 */
export async function startWebHost({ core, rendererDir, port }: WebHostOptions): Promise<WebHost> {
  const streams = new Set<http.ServerResponse>()
  let origin = ''
  let allowedHosts = new Set<string>()

  const unsubscribe = core.subscribe((event, payload) => {
    // The stream has no session (EventSource sends no header): every page gets it, citizens' pages included.
    if (!isScreenEvent(event)) return
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  })

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[web-host] request failed', error)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error')
      else res.end()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain; charset=utf-8', 'wrong host')
    const url = new URL(req.url ?? '/', origin)

    if (url.pathname.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'POST only')
      if (req.headers.origin !== origin) return sendJson(res, 403, fail('FORBIDDEN', 'foreign origin'))
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, fail('BAD_INPUT', 'expected application/json'))
      }
      const encoded = url.pathname.slice(CALL_PREFIX.length)
      const channel = decodePath(encoded)
      if (channel === null || !isCallName(channel)) {
        return sendJson(res, 404, fail('UNKNOWN_CALL', `unknown call: ${(channel ?? encoded).slice(0, 100)}`))
      }
      // The page's own client id (see the web bridge), checked before the body is read: a call without a
      // well-formed one never reaches core, so it cannot act on some other page's session.
      const client = clientHeader.safeParse(req.headers[CLIENT_HEADER])
      if (!client.success) return sendJson(res, 400, fail('BAD_INPUT', `missing or malformed ${CLIENT_HEADER} header`))
      const body = await readBody(req)
      if (body === null) return sendJson(res, 413, fail('BAD_INPUT', 'request body over 1 MB'))
      let input: unknown
      try {
        input = JSON.parse(body)
      } catch {
        return sendJson(res, 400, fail('BAD_INPUT', 'request body is not JSON'))
      }
      return sendJson(res, 200, await core.invoke(channel, input, { clientId: `web:${client.data}` }))
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only')

    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }

    if (url.pathname.startsWith('/media/')) {
      const mediaPath = decodePath(url.pathname.slice(1))
      const media = mediaPath === null ? null : await core.readMedia(mediaPath)
      if (media === null) return send(res, 404, 'text/plain; charset=utf-8', 'not found')
      return send(res, 200, media.contentType, media.body)
    }

    const file = resolveStaticFile(rendererDir, url.pathname)
    if (file === null) return send(res, 404, 'text/plain; charset=utf-8', 'not found')
    let body: string | Buffer = fs.readFileSync(file.file)
    if (file.file.endsWith('index.html')) body = withWebBridge(body.toString('utf8'))
    return send(res, 200, file.contentType, body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const actualPort = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${actualPort}`
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`])

  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        for (const res of streams) res.end()
        streams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Loads the browser bridge (which defines `window.api`) before the app's own module script. */
function withWebBridge(html: string): string {
  const tag = '<script type="module" src="./web-bridge.js"></script>'
  const at = html.indexOf('<script')
  return at === -1 ? html.replace('</head>', `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at)
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooBig = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': contentType, 'cache-control': 'no-store' })
  res.end(body)
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}
