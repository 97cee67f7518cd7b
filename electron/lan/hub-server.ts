import crypto from 'node:crypto'
import type http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { z } from 'zod'
import { decodePath } from '../core/http/decode-path'
import { isCallName, isScreenEvent } from '../../shared/channels'
import { contract } from '../../shared/contract'
import { fail, type Result } from '../../shared/result'
import type { UpdateChannel } from '../../shared/schemas/updates'
import type { LocalCore } from '../core/core'
import { deviceClientPrefix, type DeviceAuth } from '../core/devices/device-service'
import { fromCrockford, SECRET_BYTES } from '../core/devices/pair-code'
import { readCapped } from './read-body'
import { createEventStreams } from './event-stream'
import { serveUpdateFile } from './update-files'
import type { HubIdentity } from './tls-identity'
import {
  CALL_PREFIX,
  CLIENT_HEADER,
  ClientIdSchema,
  DEVICE_FRAME,
  type DeviceFrame,
  EVENTS_PATH,
  IDEMPOTENCY_HEADER,
  IdempotencyKeySchema,
  MEDIA_PREFIX,
  PAIR_PATH,
  PairRequestSchema,
  SEQ_HEADER,
  UPDATES_PREFIX,
  type PairAnswer,
  VERSION_HEADER,
  AppVersionHeaderSchema,
} from './wire'

export interface HubServerOptions {
  core: LocalCore
  identity: HubIdentity
  /** 0 picks a free port. */
  port: number
  /** Default every interface: the hub serves the LAN. Tests pass 127.0.0.1. */
  host?: string
  heartbeatMs?: number
  /** Per client, unsent event bytes before it is dropped. */
  maxStreamBufferBytes?: number
  /** The update feed mirrored for paired clients (`<dataDir>/updates`); absent: no mirror. */
  updatesDir?: string
}

export interface HubServer {
  port: number
  url: string
  streamCount(): number
  droppedStreams(): number
  close(): Promise<void>
}

const MAX_CALL_BYTES = 1024 * 1024
const MAX_PAIR_BYTES = 4 * 1024

/**
 * The hub's one port: HTTPS, TLS 1.3 only, with the hub's own key (clients pin it). Every route but pairing needs
 * a device credential, checked before any body is read; calls then take the same path as on the hub's own screen
 * — `core.invoke` with a context naming the device — so the LAN adds transport, never behaviour.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { core, identity } = options
  const devices = core.devices
  const streams = createEventStreams({
    heartbeatMs: options.heartbeatMs ?? 2000,
    maxBufferedBytes: options.maxStreamBufferBytes ?? 1024 * 1024,
    stillAllowed: (id) => credentials.has(id),
  })
  /**
   * deviceId → credential and address of its open streams, re-checked every heartbeat (and marks the device
   * online). The address is the stream's own: checking with any other would rewrite the device's row each time.
   * Kept only while the device has a stream open: re-checking a PC that is gone would mark it online for ever.
   */
  const credentials = new Map<string, { credential: string; address: string }>()
  // Every paired PC gets the stream, boards and lobby screens included: IT's log is not theirs.
  const unsubscribe = core.subscribe((event, payload) => {
    if (isScreenEvent(event)) streams.publish(event, payload)
  })
  const unRevoked = devices.onRevoked((id) => {
    credentials.delete(id)
    streams.closeDevice(id)
  })
  const frameOf = ({ role, counterId }: DeviceAuth): DeviceFrame => ({ role, counterId })
  const unMoved = devices.onMoved((device) => streams.tell(device.id, DEVICE_FRAME, frameOf(device)))
  const recheck = setInterval(() => {
    for (const [id, { credential, address }] of credentials) {
      if (!streams.has(id) || devices.authenticate(credential, address) === null) credentials.delete(id)
    }
  }, options.heartbeatMs ?? 2000)
  recheck.unref()

  const server = https.createServer(
    {
      key: identity.keyPem,
      cert: identity.certPem,
      minVersion: 'TLSv1.3',
      maxHeaderSize: 8 * 1024,
      headersTimeout: 10_000,
      requestTimeout: 60_000,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error('[hub] request failed', error)
        if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'internal error'))
        else res.destroy()
      })
    },
  )

  // Every TLS connection, so close() ends them all: closeAllConnections() knows only those that began a request,
  // and one that never sends a byte would hold the close (and the port) open for ever.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  const authenticate = (req: http.IncomingMessage): { device: DeviceAuth; credential: string } | null => {
    const header = req.headers.authorization ?? ''
    if (!header.startsWith('Bearer ') || header.length > 200) return null
    const credential = header.slice('Bearer '.length)
    const device = devices.authenticate(credential, req.socket.remoteAddress ?? '')
    return device === null ? null : { device, credential }
  }

  /** The channel IT set on the hub, asked of core as the device itself would ask it (the access table applies). */
  async function hubChannel(device: DeviceAuth): Promise<UpdateChannel | null> {
    const answer = await core.invoke('updates:channel', {}, { clientId: `${deviceClientPrefix(device.id)}updates`, device })
    const parsed = contract['updates:channel'].output.safeParse(answer.ok ? answer.value : null)
    return parsed.success ? parsed.data.channel : null
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://hub')
    if (url.pathname === PAIR_PATH) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('BAD_INPUT', 'POST only'))
      return pair(req, res)
    }
    const known =
      url.pathname.startsWith(CALL_PREFIX) ||
      url.pathname === EVENTS_PATH ||
      url.pathname.startsWith(MEDIA_PREFIX) ||
      url.pathname.startsWith(UPDATES_PREFIX)
    if (!known) return sendJson(res, 404, fail('NOT_FOUND', 'no such route'))
    const auth = authenticate(req)
    if (auth === null) return sendJson(res, 401, fail('FORBIDDEN', 'device not paired, or revoked'))
    const { device } = auth

    if (url.pathname.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('BAD_INPUT', 'POST only'))
      const channel = decodePath(url.pathname.slice(CALL_PREFIX.length)) ?? ''
      if (!isCallName(channel)) return sendJson(res, 404, fail('UNKNOWN_CALL', `unknown call: ${channel.slice(0, 100)}`))
      // Which device roles may make the call is the contract's access table, checked by dispatch (deny by default).
      const client = ClientIdSchema.safeParse(req.headers[CLIENT_HEADER] ?? 'main')
      const key = IdempotencyKeySchema.optional().safeParse(req.headers[IDEMPOTENCY_HEADER])
      if (!client.success || !key.success) return sendJson(res, 400, fail('BAD_INPUT', 'malformed client or key header'))
      const input = await readJson(req, MAX_CALL_BYTES)
      if (!input.ok) return sendJson(res, input.status, input.result)
      // Sessions stay per window of the client PC: the device plus a short hash of its window id.
      const window = crypto.createHash('sha256').update(client.data).digest('hex').slice(0, 16)
      const ctx = {
        clientId: `${deviceClientPrefix(device.id)}${window}`,
        device,
        ...(key.data === undefined ? {} : { idempotencyKey: key.data }),
      }
      // Read before the call: every event up to this number had happened when the call began.
      const seq = streams.seq()
      const result = await core.invoke(channel, input.value, ctx)
      res.setHeader(SEQ_HEADER, String(seq))
      return sendJson(res, 200, result)
    }

    if (req.method !== 'GET') return sendJson(res, 405, fail('BAD_INPUT', 'GET only'))
    if (url.pathname === EVENTS_PATH) {
      credentials.set(device.id, { credential: auth.credential, address: req.socket.remoteAddress ?? '' })
      const version = AppVersionHeaderSchema.safeParse(req.headers[VERSION_HEADER])
      if (version.success) devices.reportVersion(device.id, version.data)
      streams.open(device.id, res, frameOf(device))
      return
    }
    if (url.pathname.startsWith(UPDATES_PREFIX)) {
      // Paired devices only (checked above): installers are the centre's business, not the street's.
      const name = decodePath(url.pathname.slice(UPDATES_PREFIX.length))
      const channel = options.updatesDir === undefined || name === null ? null : await hubChannel(device)
      if (options.updatesDir !== undefined && name !== null && channel !== null && serveUpdateFile(options.updatesDir, name, channel, res)) return
      return sendJson(res, 404, fail('NOT_FOUND', 'no such update file'))
    }
    const mediaPath = decodePath(url.pathname.slice(MEDIA_PREFIX.length))
    const media = mediaPath === null ? null : await core.readMedia(`media/${mediaPath}`)
    if (media === null) return sendJson(res, 404, fail('NOT_FOUND', 'no such media'))
    res.writeHead(200, { 'content-type': media.contentType, 'cache-control': 'no-store' })
    res.end(media.body)
  }

  async function pair(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req, MAX_PAIR_BYTES)
    if (!body.ok) return sendJson(res, body.status, body.result)
    const request = PairRequestSchema.safeParse(body.value)
    if (!request.success) return sendJson(res, 400, fail('BAD_INPUT', z.prettifyError(request.error)))
    const secret = fromCrockford(request.data.secret, SECRET_BYTES)
    if (secret === null) return sendJson(res, 400, fail('BAD_INPUT', 'malformed pairing secret'))
    try {
      const device = devices.redeem({
        secret,
        credential: Buffer.from(request.data.credential, 'base64url'),
        name: request.data.name,
        appVersion: request.data.appVersion,
        address: req.socket.remoteAddress ?? '',
      })
      const answer: PairAnswer = { deviceId: device.id, role: device.role, counterId: device.counterId, spki: identity.spki }
      return sendJson(res, 200, { ok: true, value: answer })
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'FORBIDDEN') {
        return sendJson(res, 403, fail('FORBIDDEN', error.message))
      }
      throw error
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    streamCount: () => streams.count(),
    droppedStreams: () => streams.dropped(),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        unRevoked()
        unMoved()
        clearInterval(recheck)
        streams.close()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; result: Result<never> }

async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<JsonBody> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return { ok: false, status: 415, result: fail('BAD_INPUT', 'expected application/json') }
  }
  const body = await readCapped(req, maxBytes)
  if (body === null) return { ok: false, status: 413, result: fail('BAD_INPUT', `request body over ${maxBytes} bytes`) }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch {
    return { ok: false, status: 400, result: fail('BAD_INPUT', 'request body is not JSON') }
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(value))
}
