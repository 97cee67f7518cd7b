import { z } from 'zod'
import { EpochMsSchema, line, verbatim } from './common'
import { ChainViewSchema } from './upload'

/**
 * Zod runs this refinement even when the url format check above has failed ("x"), so it must not assume a
 * parseable URL: a schema that throws turns bad input into an internal error instead of BAD_INPUT.
 */
function isCollectorUrl(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  return (url.protocol === 'https:' || local) && url.search === '' && url.hash === '' && url.username === ''
}

/** The collector's address: https, or plain http on the machine itself (a pilot or a test collector). */
export const EndpointSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(isCollectorUrl, 'https (plain http only for 127.0.0.1 / localhost), no query, no credentials')

/** Upload settings as IT stores them (settings key `upload`). Uploading stays off until an endpoint is set. */
export const UploadConfigSchema = z
  .strictObject({
    enabled: z.boolean(),
    endpoint: EndpointSchema.nullable(),
    intervalSeconds: z.number().int().min(10).max(3600),
    timeoutSeconds: z.number().int().min(1).max(120),
    heartbeatSeconds: z.number().int().min(30).max(3600),
    /** One-time token from the collector's IT; used once to enroll this kiosk, then cleared. */
    enrollmentToken: verbatim(200, 16).nullable(),
    /** Shown to the collector's IT when the kiosk enrolls (which centre, which kiosk). */
    label: line(200),
  })
  .refine((c) => !c.enabled || c.endpoint !== null, { message: 'an enabled upload needs an endpoint', path: ['endpoint'] })
export type UploadConfig = z.infer<typeof UploadConfigSchema>

export const defaultUploadConfig: UploadConfig = {
  enabled: false,
  endpoint: null,
  intervalSeconds: 60,
  timeoutSeconds: 15,
  heartbeatSeconds: 300,
  enrollmentToken: null,
  label: '',
}

/** What IT reads back: the token itself never leaves core again. */
export const UploadConfigViewSchema = z.strictObject({
  enabled: z.boolean(),
  endpoint: EndpointSchema.nullable(),
  intervalSeconds: z.number().int(),
  timeoutSeconds: z.number().int(),
  heartbeatSeconds: z.number().int(),
  hasEnrollmentToken: z.boolean(),
  label: line(200),
})
export type UploadConfigView = z.infer<typeof UploadConfigViewSchema>

export const SyncStateSchema = z.enum([
  'disabled', // no endpoint, or switched off
  'idle', // nothing failing: waiting for the next round
  'syncing',
  // another process of this kiosk holds the upload lease (it is uploading): nextAttemptAt is when that lease ends
  // at the latest. A lease whose process died is taken over at once, so this never outlives a crash.
  'leased',
  'backoff', // the last attempt failed; retrying at nextAttemptAt
  'credentials', // the collector refused this kiosk (401/403): IT must enroll it again
  'rejected', // the collector refused a request (400/422/413) without naming ratings: IT must look (lastError)
])
export type SyncState = z.infer<typeof SyncStateSchema>

export const SyncErrorSchema = z.strictObject({
  code: line(64, 1),
  message: line(1000),
  at: EpochMsSchema,
})
export type SyncError = z.infer<typeof SyncErrorSchema>

export const SyncStatusSchema = z.strictObject({
  state: SyncStateSchema,
  /** Ratings still to send, and ratings the collector refused for good (IT must look at them). Ratings only. */
  pending: z.number().int().nonnegative(),
  dead: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  lastSuccessAt: EpochMsSchema.nullable(),
  lastAttemptAt: EpochMsSchema.nullable(),
  /** Kept after a later success, for IT: it is current only when newer than lastSuccessAt. */
  lastError: SyncErrorSchema.nullable(),
  nextAttemptAt: EpochMsSchema.nullable(),
  /** The collector's view of this kiosk's chain, as of the last answer; a firstBadSeq means tampering or loss. */
  chain: ChainViewSchema.nullable(),
  /**
   * Dispute state changes (POST /v1/disputes), counted apart from ratings: their own backoff and last error, so
   * a collector refusing disputes shows here without making the ratings look stuck.
   */
  disputes: z.strictObject({
    pending: z.number().int().nonnegative(),
    dead: z.number().int().nonnegative(),
    lastError: SyncErrorSchema.nullable(),
    nextAttemptAt: EpochMsSchema.nullable(),
  }),
})
export type SyncStatus = z.infer<typeof SyncStatusSchema>

export const DeadLetterSchema = z.strictObject({
  uuid: z.uuid(),
  seq: z.number().int().positive(),
  createdAt: EpochMsSchema,
  reason: line(1000),
})
export type DeadLetter = z.infer<typeof DeadLetterSchema>

/** Input of `sync:requeueDead`: these dead letters (or all of them when absent) go back to pending. */
export const RequeueDeadInputSchema = z.strictObject({
  uuids: z.array(z.uuid()).min(1).max(500).optional(),
})
export const RequeueDeadResultSchema = z.strictObject({ requeued: z.number().int().nonnegative() })

/**
 * Result of `sync:test`: reachable (the collector verified this kiosk's signature), credentials (401/403: not
 * enrolled, revoked, bad signature), clock-skew (the kiosk's clock is more than 300 s off the collector's: uploads
 * still work by correcting for it, but the clock should be fixed), unreachable (network error, timeout), error
 * (any other answer, e.g. a 404 from something that is not a collector), not-configured (no endpoint saved).
 */
export const ConnectionTestSchema = z.strictObject({
  outcome: z.enum(['reachable', 'credentials', 'clock-skew', 'unreachable', 'error', 'not-configured']),
  /** The collector's error code, or ours (NETWORK, TIMEOUT); null when reachable. */
  code: line(64).nullable(),
  /** The collector's reason as it gave it (for IT; not translated). */
  message: line(1000),
  /** Collector clock minus kiosk clock, from the answer's Date header; null without an answer. */
  clockOffsetMs: z.number().int().nullable(),
})
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>
