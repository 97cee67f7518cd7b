import { z } from 'zod'
import { DeviceNameSchema, PairedSchema, SpkiPinSchema } from '../../shared/schemas/devices'
import { line } from '../../shared/schemas/common'

/** The hub's LAN protocol, between electron/lan/hub-server.ts and electron/lan/remote-core.ts. */
export const CALL_PREFIX = '/v1/call/'
export const EVENTS_PATH = '/v1/events'
export const MEDIA_PREFIX = '/v1/media/'
export const PAIR_PATH = '/v1/pair'
/** The hub's mirror of the update feed (update-files.ts); clients' electron-updater reads it. */
export const UPDATES_PREFIX = '/v1/updates/'

/** Node lower-cases header names. */
export const CLIENT_HEADER = 'x-kiosk-client'
export const IDEMPOTENCY_HEADER = 'idempotency-key'

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
