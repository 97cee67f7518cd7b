import { z } from 'zod'
import { DEVICE_ROLES } from '../contracts/access'
import { EpochMsSchema, IdSchema, line } from './common'

/** What a paired PC does in the centre (README, "Một trung tâm, nhiều máy"); one list with the access table's. */
export const DeviceRoleSchema = z.enum(DEVICE_ROLES)
export type DeviceRole = z.infer<typeof DeviceRoleSchema>
/** In the order IT's screen offers them. */
export const DEVICE_ROLE_LIST: readonly DeviceRole[] = DEVICE_ROLES

/** Roles that belong to one counter: they cannot be paired or moved without one. */
export const COUNTER_ROLES: ReadonlySet<DeviceRole> = new Set(['counter-screen', 'console'])

/** base64url SHA-256 of the hub certificate's SubjectPublicKeyInfo. */
export const SpkiPinSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a SHA-256 key pin')

export const DeviceNameSchema = line(60, 1)

export const DeviceSchema = z.strictObject({
  id: z.uuid(),
  role: DeviceRoleSchema,
  counterId: IdSchema.nullable(),
  counterNumber: z.number().int().min(1).max(999).nullable(),
  name: DeviceNameSchema,
  appVersion: line(40),
  /** The address it last called from, as the hub saw it. */
  address: line(64),
  pairedAt: EpochMsSchema,
  lastSeenAt: EpochMsSchema.nullable(),
  revokedAt: EpochMsSchema.nullable(),
  /** Seen by the hub within the last few seconds (every client sends a heartbeat). */
  online: z.boolean(),
})
export type Device = z.infer<typeof DeviceSchema>

/** A pairing code is valid this long after it is made (Quản trị → Thiết bị shows the countdown). */
export const PAIRING_TTL_MS = 10 * 60_000

export const PairStartSchema = z.strictObject({
  role: DeviceRoleSchema,
  counterId: IdSchema.nullable(),
})
export type PairStart = z.infer<typeof PairStartSchema>

export const PairingTicketSchema = z.strictObject({
  /** For the QR code: `kiosk-pair:1?a=<addresses>&p=<port>&k=<full key pin>&s=<secret>`. */
  qrText: line(600, 1),
  /** To type: the hub's address and port, then the code (40 bits of secret + 40 bits of the key pin). */
  address: line(64, 1),
  shortCode: z.string().max(19).regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/),
  role: DeviceRoleSchema,
  counterId: IdSchema.nullable(),
  expiresAt: EpochMsSchema,
})
export type PairingTicket = z.infer<typeof PairingTicketSchema>

/** Where this app's core stands in the centre network. */
export const LinkStatusSchema = z.discriminatedUnion('mode', [
  /** The database is here (a single kiosk, or the hub). */
  z.strictObject({ mode: z.literal('local') }),
  /** A client PC not paired yet: its first screen is "Kết nối với kiosk chính". */
  z.strictObject({ mode: z.literal('unpaired') }),
  z.strictObject({
    mode: z.literal('client'),
    deviceId: z.uuid(),
    role: DeviceRoleSchema,
    counterId: IdSchema.nullable(),
    hub: line(64, 1),
    /** `revoked`: the hub refused this PC's credential — IT revoked it; it can only be paired again as new. */
    state: z.enum(['online', 'offline', 'revoked']),
    /** When the state last changed. */
    since: EpochMsSchema,
    /** The client core's clock when it made this report: ages are `at - lastDataAt`, never the screen's own clock. */
    at: EpochMsSchema,
    /** When the last answer or event came from the hub: how old what the screen shows may be. */
    lastDataAt: EpochMsSchema.nullable(),
  }),
])
export type LinkStatus = z.infer<typeof LinkStatusSchema>

/**
 * A hub this client PC heard announce itself on the LAN (DNS-SD `_kiosk-hub._tcp`). Only where it is and the start
 * of its key's hash: pairing still needs the one-time secret from IT's code, and a code whose key prefix differs
 * from `pinPrefix` is refused before anything is sent.
 */
export const FoundHubSchema = z.strictObject({
  name: line(63, 1),
  host: z.string().max(15).regex(/^(?:\d{1,3}\.){3}\d{1,3}$/, 'an IPv4 address'),
  port: z.number().int().min(1).max(65535),
  /** base64url of the first 5 bytes of the SHA-256 of the hub's SPKI, as in a typed pairing code. */
  pinPrefix: z.string().max(7).regex(/^[A-Za-z0-9_-]{7}$/),
})
export type FoundHub = z.infer<typeof FoundHubSchema>

export const PairedSchema = z.strictObject({
  deviceId: z.uuid(),
  role: DeviceRoleSchema,
  counterId: IdSchema.nullable(),
})
export type Paired = z.infer<typeof PairedSchema>
