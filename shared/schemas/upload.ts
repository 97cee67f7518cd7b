import { z } from 'zod'
import { EpochMsSchema, line, verbatim } from './common'
import { RatingRecordSchema } from './rating'

/**
 * The wire protocol between a kiosk and the province's collector (shared/protocol/PROTOCOL.md). These schemas are
 * the source of the JSON Schema files in shared/protocol/ (a test fails when the two drift). Both sides parse
 * strictly: the collector what a device sends, the device what a collector answers.
 */
export const PROTOCOL_VERSION = 1

/** Most ratings in one batch, and most bytes in one request body (UTF-8). */
export const MAX_BATCH_RATINGS = 500
export const MAX_BATCH_BYTES = 1_000_000

const Hex64Schema = z.string().length(64).regex(/^[0-9a-f]+$/, 'lower-case hex')
const SeqSchema = z.number().int().positive().max(2 ** 53 - 1)

/** POST /v1/enroll — not signed: a one-time token from the collector's IT authorises it. */
export const EnrollRequestSchema = z.strictObject({
  deviceId: z.uuid(),
  token: verbatim(200, 16),
  /** HMAC-SHA256(deviceSecret, "kiosk-sign-v1"), hex: the key that signs every later request. */
  signKey: Hex64Schema,
  /**
   * key_1 of the rating chain, hex: 32 random bytes the kiosk made when its chain started. The kiosk deletes it
   * once this enrollment succeeds, so only the collector can recompute the chain from the start afterwards.
   */
  chainKey: Hex64Schema,
  label: line(200),
})
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>

export const EnrollResponseSchema = z.strictObject({
  deviceId: z.uuid(),
  enrolledAt: EpochMsSchema,
})
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>

/**
 * What every batch request (ratings here, disputes in upload-disputes.ts) carries besides its items. `batchId` is
 * also sent as the Idempotency-Key header, and is derived from the items the batch carries (see the protocol).
 */
export const BatchHeadSchema = z.strictObject({ deviceId: z.uuid(), batchId: z.uuid() })

/** An item before its own schema is applied, so a collector can name the offending items of an envelope. */
export const RawItemSchema = z.record(z.string().max(40), z.unknown())

/** POST /v1/batches — the ratings, oldest first. The body is the same bytes whenever the same ratings are resent. */
export const UploadBatchSchema = BatchHeadSchema.extend({
  ratings: z.array(RatingRecordSchema).min(1).max(MAX_BATCH_RATINGS),
})
export type UploadBatch = z.infer<typeof UploadBatchSchema>

/** The envelope alone, so a collector can name the offending ratings instead of refusing the whole batch. */
export const UploadEnvelopeSchema = BatchHeadSchema.extend({
  ratings: z.array(RawItemSchema).min(1).max(MAX_BATCH_RATINGS),
})

export const ChainReasonSchema = z.enum([
  'gap', // a seq is missing although later ones (or a heartbeat's head) show it was written
  'link', // the record does not produce its link: changed, swapped, inserted or forged
  'changed', // a rating already received came again with other content
  'seq-conflict', // two different ratings claim the same seq
  'head', // the heartbeat's head does not match (rolled back, or a proof that does not verify)
])
export type ChainReason = z.infer<typeof ChainReasonSchema>

/** Most dead-lettered seqs listed in a chain view (the count is always complete). */
export const MAX_DEAD_SEQS_IN_VIEW = 100

/**
 * What the collector knows about a device's chain: verified up to `verifiedSeq`, and the first bad seq if any;
 * `dead` ratings reached it only as dead-lettered evidence from heartbeats (lowest seqs listed in `deadSeqs`).
 */
export const ChainViewSchema = z.strictObject({
  verifiedSeq: z.number().int().nonnegative(),
  firstBadSeq: SeqSchema.nullable(),
  reason: ChainReasonSchema.nullable(),
  dead: z.number().int().nonnegative(),
  deadSeqs: z.array(SeqSchema).max(MAX_DEAD_SEQS_IN_VIEW),
})
export type ChainView = z.infer<typeof ChainViewSchema>

export const ItemStatusSchema = z.enum([
  'stored', // new, stored: mark it sent
  'duplicate', // had it already with the same content: mark it sent
  'conflict', // refused for good (same uuid other content, or same seq other uuid): dead-letter it
])

export const BatchAckSchema = z.strictObject({
  batchId: z.uuid(),
  results: z
    .array(z.strictObject({ uuid: z.uuid(), status: ItemStatusSchema, reason: line(500).optional() }))
    .max(MAX_BATCH_RATINGS),
  chain: ChainViewSchema,
})
export type BatchAck = z.infer<typeof BatchAckSchema>

/** Most dead-lettered ratings one heartbeat carries; more are paged through over the following heartbeats. */
export const MAX_DEAD_PER_HEARTBEAT = 100

/** POST /v1/heartbeat — the device's head, so deleting unsent rows at the tail is noticed. */
export const HeartbeatSchema = z.strictObject({
  deviceId: z.uuid(),
  /**
   * The kiosk's corrected clock in ms, strictly increasing from one heartbeat to the next: the collector ignores
   * a heartbeat that is not newer than the last one it accepted (a replay inside the signature window).
   */
  sentAt: EpochMsSchema,
  head: z.strictObject({
    seq: z.number().int().nonnegative(),
    link: Hex64Schema,
    /** HMAC-SHA256(key_{seq+1}, "kiosk-head-v1|" ‖ seq ‖ "|" ‖ link), hex: only the current key can make it. */
    proof: Hex64Schema,
  }),
  /** The oldest seq still waiting on the device, null when nothing waits. */
  pendingFromSeq: SeqSchema.nullable(),
  pending: z.number().int().nonnegative(),
  /**
   * Ratings the device dead-lettered, whole, with the reason it holds them back (one page, by seq): the collector
   * checks their links like any rating and keeps them as evidence, so marking a rating dead cannot hide it.
   */
  dead: z.array(z.strictObject({ record: RatingRecordSchema, reason: line(1000) })).max(MAX_DEAD_PER_HEARTBEAT),
  appVersion: line(50),
})
export type Heartbeat = z.infer<typeof HeartbeatSchema>

export const HeartbeatAckSchema = z.strictObject({ chain: ChainViewSchema })
export type HeartbeatAck = z.infer<typeof HeartbeatAckSchema>

/** Every non-2xx answer. `items` names the ratings of a 400/422 that the device must dead-letter. */
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({ code: line(64, 1), message: line(1000) }),
  items: z.array(z.strictObject({ uuid: z.string().max(64), reason: line(500) })).max(MAX_BATCH_RATINGS).optional(),
})
export type ErrorBody = z.infer<typeof ErrorBodySchema>

/** Error codes the reference collector uses (a collector may use others; the HTTP status decides what happens). */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  INVALID_ITEMS: 422,
  IDEMPOTENCY_MISMATCH: 422,
  HEAD_TOO_FAR: 422,
  UNKNOWN_DEVICE: 401,
  BAD_SIGNATURE: 401,
  TIMESTAMP_SKEW: 401,
  BAD_TOKEN: 403,
  DEVICE_REVOKED: 403,
  DEVICE_CONFLICT: 403,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const
export type ErrorCode = keyof typeof ERROR_CODES

/** The request headers, by name. */
export const HEADERS = {
  device: 'x-kiosk-device',
  timestamp: 'x-kiosk-timestamp',
  signature: 'x-kiosk-signature',
  idempotencyKey: 'idempotency-key',
} as const

/** GET /v1/status (collector IT, bearer token): what the reference collector knows about each device. */
export const DeviceStatusSchema = z.strictObject({
  deviceId: z.uuid(),
  label: line(200),
  enrolledAt: EpochMsSchema,
  revokedAt: EpochMsSchema.nullable(),
  stored: z.number().int().nonnegative(),
  chain: ChainViewSchema,
  lastHeartbeat: z
    .strictObject({
      at: EpochMsSchema,
      seq: z.number().int().nonnegative(),
      pending: z.number().int().nonnegative(),
      pendingFromSeq: SeqSchema.nullable(),
      appVersion: line(50),
    })
    .nullable(),
})
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>

export const CollectorStatusSchema = z.strictObject({
  devices: z.array(DeviceStatusSchema).max(100_000),
})
