import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { RatingRecordSchema } from '../../shared/schemas/rating'
import {
  EnrollRequestSchema,
  ERROR_CODES,
  HEADERS,
  HeartbeatSchema,
  MAX_BATCH_BYTES,
  MAX_DEAD_PER_HEARTBEAT,
  UploadEnvelopeSchema,
  type ErrorBody,
  type ErrorCode,
} from '../../shared/schemas/upload'
import { DisputeEnvelopeSchema, DisputeRecordSchema, type DisputeRecord } from '../../shared/schemas/upload-disputes'
import { PingRequestSchema } from '../../shared/schemas/upload-ping'
import { systemClock, type Clock } from '../core/clock'
import { sha256Hex, signatureMatches, TIMESTAMP_WINDOW_SECONDS } from '../../shared/protocol/signing'
import { MAX_HEAD_STEPS } from './chain-check'
import { createEnrollmentToken, enrollDevice, getDevice, listDeviceIds, type DeviceRow } from './devices'
import { noFaults, takeAckFault, takeForced, type Faults, type Route } from './faults'
import { recordHeartbeat, type RawDead } from './heartbeat-intake'
import { acceptDisputes } from './dispute-intake'
import { acceptBatch, type IncomingRating } from './intake'
import { openStore } from './store/open'
import { ensurePartitions } from './store/partitions'
import type { Store } from './store/types'
import { deviceStatus } from './status'
import { startAlertWorker } from './alerts/worker'
import { createDashboard } from './web/dashboard'

/**
 * The reference collector: a plain Node HTTP server on its own SQLite file (a pilot) or on a PostgreSQL database
 * that several collector processes share (production, behind any HTTP load balancer). It is what the tests upload
 * to, and what a province can run (`npm run collector`). It never imports `electron`.
 */
export interface CollectorOptions {
  /** The SQLite file, used when `database` is not given. */
  dbFile: string
  /** A postgres:// URL: store in PostgreSQL instead of the SQLite file. */
  database?: string | null
  /** Default 127.0.0.1: put a TLS-terminating proxy in front to serve kiosks over the network. */
  host?: string
  /** 0 (default) picks a free port. */
  port?: number
  clock?: Clock
  /** Bearer token for GET /v1/status; the endpoint is off without one. */
  adminToken?: string | null
  log?: (line: string) => void
  /** The dashboard's cookies get Secure: set when kiosks and browsers reach the collector over TLS (a proxy). */
  secureCookies?: boolean
  /**
   * Behind a reverse proxy (the README's deployment) every browser reaches the collector from the proxy's address:
   * set this so the dashboard's per-address login limit counts the address the proxy appends to X-Forwarded-For,
   * not the proxy itself (which would let one guesser lock every user out). Never set it without such a proxy.
   */
  trustProxy?: boolean
  /** How often this process scans for silent devices and sends due alerts; not given: never (tests drive it). */
  alertIntervalMs?: number | null
}

export interface Collector {
  readonly url: string
  readonly db: Store
  /** Fault injection knobs; all off at start. */
  readonly faults: Faults
  /**
   * A one-time enrollment token, returned at once; its row is written in the background and POST /v1/enroll waits
   * for every write started before it, so a kiosk given the token can always use it.
   */
  createEnrollmentToken(label: string, ttlMs?: number, centreId?: string | null): string
  close(): Promise<void>
}

/** Room for a full batch and its envelope; anything bigger is refused before it is parsed. */
const MAX_BODY_BYTES = MAX_BATCH_BYTES + 64_000

type Reply = { status: number; body: string | Buffer; headers?: Record<string, string> } | { drop: true }

function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), ...(headers === undefined ? {} : { headers }) }
}

function fail(code: ErrorCode, message: string, items?: ErrorBody['items']): Reply {
  const body: ErrorBody = { error: { code, message: message.slice(0, 1000) }, ...(items ? { items } : {}) }
  return json(ERROR_CODES[code], body)
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

/** A heartbeat's dead-lettered records as sent (already validated by HeartbeatSchema). */
const RawDeadListSchema = z.looseObject({
  dead: z.array(z.looseObject({ record: z.record(z.string().max(40), z.unknown()) })).max(MAX_DEAD_PER_HEARTBEAT),
})

const ROUTES: Record<string, Route> = {
  '/v1/enroll': 'enroll',
  '/v1/batches': 'batches',
  '/v1/heartbeat': 'heartbeat',
  '/v1/disputes': 'disputes',
  '/v1/ping': 'ping',
}

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? (() => {})
  const db = await openStore({ database: options.database, dbFile: options.dbFile, now: clock.now() })
  const faults = noFaults()
  const tokenWrites = new Set<Promise<unknown>>()
  // New month partitions are made three months ahead; checking twice a day keeps that true on a server that runs
  // for months. Any process may do it: they take turns on a lock.
  const maintenance = setInterval(() => {
    ensurePartitions(db, clock.now()).catch((error: unknown) => log(`partition upkeep failed: ${String(error)}`))
  }, 12 * 3600_000)
  maintenance.unref()
  // The province dashboard under /dashboard/ (web/dashboard.ts): its own sessions and CSRF, never the upload API's keys.
  const dashboard = createDashboard({
    db,
    clock,
    deviceStatus: (id) => deviceStatus(db, id),
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
  })
  const alertWorker =
    typeof options.alertIntervalMs === 'number' ? startAlertWorker(db, clock, log, options.alertIntervalMs) : null

  /** Device id, timestamp window, signature — in that order, each with its own code (PROTOCOL.md, "Errors"). */
  async function authenticate(req: http.IncomingMessage, body: Buffer, now: number): Promise<DeviceRow | Reply> {
    const deviceId = req.headers[HEADERS.device]
    const timestamp = req.headers[HEADERS.timestamp]
    const signature = req.headers[HEADERS.signature]
    if (typeof deviceId !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
      return fail('BAD_SIGNATURE', 'missing signature headers')
    }
    const device = z.uuid().safeParse(deviceId).success ? await getDevice(db, deviceId) : null
    if (device === null) return fail('UNKNOWN_DEVICE', 'this device is not enrolled')
    if (device.revoked_at !== null) return fail('DEVICE_REVOKED', 'this device was revoked by IT')
    if (!/^\d{1,12}$/.test(timestamp)) return fail('BAD_SIGNATURE', 'bad timestamp')
    if (Math.abs(Number(timestamp) * 1000 - now) > TIMESTAMP_WINDOW_SECONDS * 1000) {
      return fail('TIMESTAMP_SKEW', `timestamp outside ±${TIMESTAMP_WINDOW_SECONDS} s; see the Date header`)
    }
    const parts = { method: req.method ?? '', path: req.url ?? '', timestamp: Number(timestamp), deviceId, body }
    if (signature.length > 200 || !signatureMatches(device.sign_key, parts, signature)) {
      return fail('BAD_SIGNATURE', 'signature does not match')
    }
    return device
  }

  async function handleEnroll(body: Buffer, now: number): Promise<Reply> {
    const parsed = EnrollRequestSchema.safeParse(parseJson(body))
    if (!parsed.success) return fail('BAD_REQUEST', z.prettifyError(parsed.error))
    await Promise.allSettled([...tokenWrites])
    const result = await enrollDevice(db, parsed.data, now)
    if (!result.ok) return fail(result.code, result.message)
    log(`enrolled device ${parsed.data.deviceId}`)
    return json(200, { deviceId: parsed.data.deviceId, enrolledAt: result.enrolledAt })
  }

  async function handleBatch(req: http.IncomingMessage, device: DeviceRow, body: Buffer, now: number): Promise<Reply> {
    const envelope = UploadEnvelopeSchema.safeParse(parseJson(body))
    if (!envelope.success) return fail('BAD_REQUEST', z.prettifyError(envelope.error))
    const { deviceId, batchId, ratings } = envelope.data
    if (deviceId !== device.device_id) return fail('BAD_REQUEST', 'deviceId differs from the signed device')
    if (req.headers[HEADERS.idempotencyKey] !== batchId) return fail('BAD_REQUEST', 'Idempotency-Key must be the batchId')
    // One verdict per rating: a batch carrying a uuid twice could not be answered by the protocol's rules.
    const uuids = ratings.map((item) => item.uuid)
    if (new Set(uuids).size !== uuids.length) return fail('BAD_REQUEST', 'the batch carries a rating uuid twice')
    const invalid: NonNullable<ErrorBody['items']> = []
    const valid: IncomingRating[] = []
    for (const item of ratings) {
      const uuid = typeof item.uuid === 'string' ? item.uuid.slice(0, 64) : ''
      faults.posted.set(uuid, (faults.posted.get(uuid) ?? 0) + 1)
      const parsed = RatingRecordSchema.safeParse(item)
      if (!parsed.success) invalid.push({ uuid, reason: z.prettifyError(parsed.error).slice(0, 500) })
      else if (parsed.data.deviceId !== deviceId) invalid.push({ uuid, reason: 'deviceId differs from the batch' })
      else if (faults.rejectUuids.has(uuid)) invalid.push({ uuid, reason: 'refused by fault injection' })
      // The canonical form is computed from the values as sent, not from the parsed (trimmed) ones; the parsed
      // rating goes along so that intake does not parse it again.
      else valid.push({ raw: { ...item, uuid: parsed.data.uuid, seq: parsed.data.seq, link: parsed.data.link }, rating: parsed.data })
    }
    if (invalid.length > 0) return fail('INVALID_ITEMS', `${invalid.length} rating(s) refused`, invalid)
    const outcome = await acceptBatch(db, deviceId, batchId, sha256Hex(body), valid, now)
    if (outcome.kind === 'key-reused') return fail('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key came with another body')
    return committed('batches', takeAckFault(faults, outcome.ack), outcome.replayed)
  }

  /** The answer to a stored batch, unless a fault knob drops it or garbles it after the commit. */
  function committed(route: Route, ack: unknown, replayed: boolean): Reply {
    faults.afterCommit?.(route)
    if (faults.dropAfterCommit > 0) {
      faults.dropAfterCommit--
      return { drop: true }
    }
    if (faults.garbageAfterCommit > 0) {
      faults.garbageAfterCommit--
      return { status: 200, body: '<html>upstream says hi</html>' }
    }
    return json(200, ack, replayed ? { 'idempotent-replayed': 'true' } : undefined)
  }

  async function handleDisputes(req: http.IncomingMessage, device: DeviceRow, body: Buffer, now: number): Promise<Reply> {
    const envelope = DisputeEnvelopeSchema.safeParse(parseJson(body))
    if (!envelope.success) return fail('BAD_REQUEST', z.prettifyError(envelope.error))
    const { deviceId, batchId, disputes } = envelope.data
    if (deviceId !== device.device_id) return fail('BAD_REQUEST', 'deviceId differs from the signed device')
    if (req.headers[HEADERS.idempotencyKey] !== batchId) return fail('BAD_REQUEST', 'Idempotency-Key must be the batchId')
    const invalid: NonNullable<ErrorBody['items']> = []
    const valid: DisputeRecord[] = []
    for (const item of disputes) {
      const uuid = typeof item.uuid === 'string' ? item.uuid.slice(0, 64) : ''
      const parsed = DisputeRecordSchema.safeParse(item)
      if (!parsed.success) invalid.push({ uuid, reason: z.prettifyError(parsed.error).slice(0, 500) })
      else if (parsed.data.deviceId !== deviceId) invalid.push({ uuid, reason: 'deviceId differs from the batch' })
      else if (faults.rejectUuids.has(uuid)) invalid.push({ uuid, reason: 'refused by fault injection' })
      else valid.push(parsed.data)
    }
    if (invalid.length > 0) return fail('INVALID_ITEMS', `${invalid.length} dispute record(s) refused`, invalid)
    const outcome = await acceptDisputes(db, deviceId, batchId, sha256Hex(body), valid, now)
    if (outcome.kind === 'key-reused') return fail('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key came with another body')
    return committed('disputes', outcome.ack, outcome.replayed)
  }

  function handlePing(device: DeviceRow, body: Buffer, now: number): Reply {
    const parsed = PingRequestSchema.safeParse(parseJson(body))
    if (!parsed.success) return fail('BAD_REQUEST', z.prettifyError(parsed.error))
    if (parsed.data.deviceId !== device.device_id) return fail('BAD_REQUEST', 'deviceId differs from the signed device')
    return json(200, { deviceId: device.device_id, serverTime: now })
  }

  async function handleHeartbeat(device: DeviceRow, body: Buffer, now: number): Promise<Reply> {
    const raw = parseJson(body)
    const parsed = HeartbeatSchema.safeParse(raw)
    if (!parsed.success) return fail('BAD_REQUEST', z.prettifyError(parsed.error))
    const hb = parsed.data
    if (hb.deviceId !== device.device_id) return fail('BAD_REQUEST', 'deviceId differs from the signed device')
    if (Math.abs(hb.sentAt - now) > TIMESTAMP_WINDOW_SECONDS * 1000) {
      return fail('BAD_REQUEST', `sentAt outside ±${TIMESTAMP_WINDOW_SECONDS} s of the collector's clock`)
    }
    // The canonical form of a dead-lettered rating is computed from the values as sent, like a batch's.
    const rawDead = RawDeadListSchema.parse(raw).dead
    const dead: RawDead[] = hb.dead.map((d, i) => ({
      record: { ...(rawDead[i]?.record ?? {}), uuid: d.record.uuid, seq: d.record.seq, link: d.record.link },
      reason: d.reason,
    }))
    const outcome = await recordHeartbeat(db, hb, dead, now)
    if (outcome.kind === 'too-far') {
      return fail('HEAD_TOO_FAR', `the head is more than ${MAX_HEAD_STEPS} ratings beyond what this collector holds`)
    }
    if (outcome.kind === 'ignored') log(`ignored a heartbeat not newer than the last one from ${hb.deviceId}`)
    return json(200, { chain: outcome.chain })
  }

  async function handleStatus(req: http.IncomingMessage): Promise<Reply> {
    const token = options.adminToken ?? null
    const given = Buffer.from(req.headers.authorization ?? '')
    const expected = Buffer.from(`Bearer ${token ?? ''}`)
    if (token === null || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return json(404, { error: { code: 'NOT_FOUND', message: 'no such endpoint' } })
    }
    const devices = []
    for (const id of await listDeviceIds(db)) devices.push(await deviceStatus(db, id))
    return json(200, { devices: devices.flatMap((d) => d ?? []) })
  }

  async function handle(req: http.IncomingMessage): Promise<Reply> {
    const pathname = (req.url ?? '').split('?')[0] ?? ''
    if (req.method === 'GET' && pathname === '/v1/status') return handleStatus(req)
    if (pathname === '/dashboard' || pathname.startsWith('/dashboard/')) {
      return dashboard(req, req.method === 'POST' ? await readBody(req) : null)
    }
    const route = ROUTES[pathname]
    if (route === undefined) return json(404, { error: { code: 'NOT_FOUND', message: 'no such endpoint' } })
    if (req.method !== 'POST') return json(405, { error: { code: 'METHOD', message: 'POST only' } })
    const body = await readBody(req)
    if (body === null) return fail('TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`)
    faults.requests[route]++
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs))
    if (faults.holdUntil !== null) await faults.holdUntil
    const forced = takeForced(faults, route)
    if (forced !== null) {
      return {
        status: forced.status,
        body: forced.body ?? JSON.stringify({ error: { code: `FORCED_${forced.status}`, message: 'fault injection' } }),
        ...(forced.retryAfter === undefined ? {} : { headers: { 'retry-after': forced.retryAfter } }),
      }
    }
    const now = clock.now()
    if (route === 'enroll') return handleEnroll(body, now)
    const device = await authenticate(req, body, now)
    if ('drop' in device || 'status' in device) return device
    faults.recorded?.push({
      route,
      method: req.method,
      url: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))),
      body: body.toString('utf8'),
    })
    switch (route) {
      case 'batches':
        return handleBatch(req, device, body, now)
      case 'disputes':
        return handleDisputes(req, device, body, now)
      case 'ping':
        return handlePing(device, body, now)
      case 'heartbeat':
        return handleHeartbeat(device, body, now)
    }
  }

  const server = http.createServer((req, res) => {
    handle(req)
      .catch((error: unknown): Reply => {
        log(`internal error: ${String(error)}`)
        return fail('INTERNAL', 'internal error')
      })
      .then((reply) => {
        if ('drop' in reply) {
          req.socket.destroy()
          return
        }
        // The collector's clock, not the host's: devices correct their own from it (and tests move it).
        res.writeHead(reply.status, {
          'content-type': 'application/json; charset=utf-8',
          date: new Date(clock.now()).toUTCString(),
          ...reply.headers,
        })
        res.end(reply.body)
      })
      .catch(() => req.socket.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  let closing: Promise<void> | null = null
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${host}:${address.port}/`,
    db,
    faults,
    createEnrollmentToken: (label, ttlMs = 24 * 60 * 60_000, centreId = null) => {
      const token = crypto.randomBytes(24).toString('base64url')
      const write = createEnrollmentToken(db, label, clock.now(), ttlMs, centreId, token)
      tokenWrites.add(write)
      write.catch((error: unknown) => log(`enrollment token not stored: ${String(error)}`)).finally(() => tokenWrites.delete(write))
      return token
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(maintenance)
        server.closeAllConnections()
        server.close(() => {
          void Promise.allSettled([...tokenWrites, alertWorker?.stop()])
            .then(() => db.close())
            .then(resolve, resolve)
        })
      })
      return closing
    },
  }
}
