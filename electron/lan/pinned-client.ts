import crypto from 'node:crypto'
import http from 'node:http'
import type stream from 'node:stream'
import tls from 'node:tls'
import { spkiOf } from './tls-identity'

/** Which server keys a client accepts, given the base64url SHA-256 of the peer's SPKI. */
export type PinCheck = (spki: string) => boolean

/** The hub as a client knows it after pairing: the full SPKI hash. */
export function exactPin(spki: string): PinCheck {
  const want = Buffer.from(spki, 'base64url')
  return (got) => {
    const have = Buffer.from(got, 'base64url')
    return have.length === want.length && crypto.timingSafeEqual(have, want)
  }
}

/** Only while pairing from a typed short code: the first bytes of the SPKI hash (see pair-code.ts for why). */
export function prefixPin(prefix: Buffer): PinCheck {
  return (got) => {
    const have = Buffer.from(got, 'base64url').subarray(0, prefix.length)
    return have.length === prefix.length && crypto.timingSafeEqual(have, prefix)
  }
}

export class PinMismatchError extends Error {
  readonly code = 'PIN_MISMATCH'
  constructor(readonly host: string) {
    super(`${host} answered with another key than the paired hub's: refused, nothing was sent`)
    this.name = 'PinMismatchError'
  }
}

/**
 * No connection to the hub at this address: refused, unreachable, or no handshake in time. Nothing of the request
 * was sent (the agent hands a socket over only once the key is verified), so the same request may go to another
 * of the hub's addresses, even a write.
 */
export class HubUnreachableError extends Error {
  readonly code = 'HUB_UNREACHABLE'
  constructor(
    readonly host: string,
    cause: Error,
  ) {
    super(`${host}: ${cause.message}`, { cause })
    this.name = 'HubUnreachableError'
  }
}

const CONNECT_TIMEOUT_MS = 3000

/**
 * An HTTPS agent that trusts exactly one key. Why not `rejectUnauthorized: false` plus `checkServerIdentity`:
 * Node calls `checkServerIdentity` only after the chain verified, so with a self-signed certificate it is never
 * called, the connection is accepted, and anything written before `secureConnect` (the request line, the
 * `Authorization` header) has already gone out — a "pin" that pins nothing (test/lan/pinning.test.ts proves it).
 *
 * Here the agent makes the TLS socket itself (TLS 1.3 only), waits for the handshake, compares the SHA-256 of
 * the peer's SubjectPublicKeyInfo with the pin, and only then hands the socket to `http`: no request byte exists
 * on the wire before the key is known to be the hub's. The CA chain and the names are not checked on purpose —
 * the certificate is self-signed and the hub's address may change with DHCP; the pinned key is the identity.
 * Keep-alive sockets are reused only by the agent that verified them.
 */
export class PinnedAgent extends http.Agent {
  /**
   * Sockets still in their handshake: http.Agent does not know them yet, so its destroy() would leave them open
   * (a closed client would keep a connection to the hub, and the hub's close would wait for it).
   */
  private readonly handshaking = new Set<tls.TLSSocket>()
  private destroyed = false

  constructor(private readonly accepts: PinCheck) {
    super({ keepAlive: true, maxSockets: 16, timeout: 30_000 })
  }

  override destroy(): void {
    this.destroyed = true
    for (const socket of this.handshaking) socket.destroy()
    this.handshaking.clear()
    super.destroy()
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: stream.Duplex) => void,
  ): stream.Duplex | null | undefined {
    const host = options.host ?? options.hostname ?? '127.0.0.1'
    const socket = tls.connect({
      host,
      port: Number(options.port),
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ALPNProtocols: ['http/1.1'],
      // Verification is ours (above); Node's CA check would always fail on a self-signed certificate.
      rejectUnauthorized: false,
    })
    if (this.destroyed) socket.destroy()
    else this.handshaking.add(socket)
    let settled = false
    const settle = (error: Error | null) => {
      if (settled) return
      settled = true
      this.handshaking.delete(socket)
      socket.setTimeout(0)
      if (error) {
        socket.destroy()
        callback?.(error, socket)
      } else callback?.(null, socket)
    }
    const unreachable = (cause: Error) => settle(new HubUnreachableError(host, cause))
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => unreachable(new Error(`no TLS handshake within 3 s`)))
    socket.once('error', unreachable)
    socket.once('close', () => unreachable(new Error(`the connection closed during the handshake`)))
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate()
      settle(cert !== undefined && this.accepts(spkiOf(cert)) ? null : new PinMismatchError(host))
    })
    return undefined // asynchronous: the socket is handed over through the callback once verified
  }
}

export interface HubAddress {
  host: string
  port: number
}

export interface PinnedResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface RequestOptions {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
  /** A response bigger than this is abandoned (the hub is trusted, but a bug must not exhaust memory). */
  maxBytes?: number
  timeoutMs?: number
}

/** One request over a pinned agent; resolves with the whole (bounded) body, rejects on any transport failure. */
export function pinnedRequest(agent: PinnedAgent, to: HubAddress, options: RequestOptions): Promise<PinnedResponse> {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8')
    const req = http.request(
      {
        agent,
        host: to.host,
        port: to.port,
        method: options.method,
        path: options.path,
        headers: {
          ...options.headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) req.destroy(new Error('hub response too large'))
          else chunks.push(chunk)
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('hub did not answer in time')))
    req.on('error', reject)
    req.end(body)
  })
}

/** A long-lived GET (the event stream): the caller reads the response and destroys `req` to stop. */
export function pinnedStream(
  agent: PinnedAgent,
  to: HubAddress,
  path: string,
  headers: Record<string, string>,
): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  const req = http.request({ agent, host: to.host, port: to.port, method: 'GET', path, headers })
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve)
    req.on('error', reject)
  })
  req.end()
  return { req, response }
}
