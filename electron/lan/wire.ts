import { z } from 'zod'
import { DeviceNameSchema, DeviceRoleSchema, PairedSchema, SpkiPinSchema } from '../../shared/schemas/devices'
import { IdSchema } from '../../shared/schemas/common'
import { line } from '../../shared/schemas/common'

/** The hub's LAN protocol, between electron/lan/hub-server.ts and electron/lan/remote-core.ts. */

/** The one port a centre opens in its firewall, unless IT picks another (`npm run hub` and the kiosk window alike). */
export const DEFAULT_HUB_PORT = 8443
export const CALL_PREFIX = '/v1/call/'
export const EVENTS_PATH = '/v1/events'
export const MEDIA_PREFIX = '/v1/media/'
export const PAIR_PATH = '/v1/pair'
/** The hub's mirror of the update feed (update-files.ts); clients' electron-updater reads it. */
export const UPDATES_PREFIX = '/v1/updates/'

/** Node lower-cases header names. */
export const CLIENT_HEADER = 'x-kiosk-client'
export const IDEMPOTENCY_HEADER = 'idempotency-key'
/**
 * On every event stream the client opens: its app version. A client updates itself long after pairing, and the
 * hub's device list shows what each PC runs now (IT checks a rollout there).
 */
export const VERSION_HEADER = 'x-kiosk-version'
/** What electron-builder versions look like (1.2.3, 1.3.0-beta.2+build); anything else is ignored, not stored. */
export const AppVersionHeaderSchema = z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/)
/**
 * On every call's answer: the event stream's number when the hub began the call. The answer reflects every event
 * up to that number, so a client can tell a snapshot that is older than an event it already applied.
 */
export const SEQ_HEADER = 'x-kiosk-seq'

/**
 * The hub's word to one device about itself — in the stream's `hello` and in a `device` frame when IT moves it —
 * so a moved console or counter screen takes its new counter at once. Not a screen event: remote-core reads it.
 */
export const DEVICE_FRAME = 'device'
export const DeviceFrameSchema = z.strictObject({ role: DeviceRoleSchema, counterId: IdSchema.nullable() })
export type DeviceFrame = z.infer<typeof DeviceFrameSchema>

export const ClientIdSchema = z.string().min(1).max(80).regex(/^[A-Za-z0-9:-]+$/)
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)

/** POST /v1/pair: the only request without a device credential. */
export const PairRequestSchema = z.strictObject({
  /** The one-time secret from the code, Crockford base32. */
  secret: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/),
  /** The client's own 32-byte credential secret, base64url; the hub keeps its SHA-256 only. */
  credential: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  name: DeviceNameSchema,
  appVersion: line(40),
})
export type PairRequest = z.infer<typeof PairRequestSchema>

export const PairAnswerSchema = PairedSchema.extend({ spki: SpkiPinSchema })
export type PairAnswer = z.infer<typeof PairAnswerSchema>

export function bearer(deviceId: string, secret: Buffer): string {
  return `Bearer ${deviceId}.${secret.toString('base64url')}`
}
