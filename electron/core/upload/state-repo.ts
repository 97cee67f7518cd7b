import { z } from 'zod'
import { SyncErrorSchema } from '../../../shared/schemas/sync'
import { ChainViewSchema } from '../../../shared/schemas/upload'
import type { Db } from '../db/open'
import { holderGone } from './lease-owner'

const Epoch = z.number().int().nonnegative().nullable()

/**
 * Disputes have a backoff of their own: a collector that refuses or fails /v1/disputes (an older one answers
 * 404) must never delay ratings, which keep the main backoff above.
 */
export const DisputeUploadStateSchema = z.strictObject({
  failures: z.number().int().nonnegative(),
  nextAttemptAt: Epoch,
  retryAfterUntil: Epoch,
  lastError: SyncErrorSchema.nullable(),
})
export type DisputeUploadState = z.infer<typeof DisputeUploadStateSchema>
const initialDisputeState: DisputeUploadState = {
  failures: 0,
  nextAttemptAt: null,
  retryAfterUntil: null,
  lastError: null,
}

/** What the uploader remembers between rounds and across restarts (table upload_state, one JSON row). */
export const UploadStateSchema = z.strictObject({
  /** Consecutive failed rounds; 0 after a success. Drives the backoff. */
  failures: z.number().int().nonnegative(),
  /** Timer rounds wait until then (backoff, Retry-After or a credentials refusal). */
  nextAttemptAt: Epoch,
  /** A collector's Retry-After: even "sync now" waits until then. */
  retryAfterUntil: Epoch,
  credentialsRejected: z.boolean(),
  /** The collector refused a request without naming ratings (400/422/413): an alert for IT, retried with backoff. */
  requestRejected: z.boolean().default(false),
  lastAttemptAt: Epoch,
  lastSuccessAt: Epoch,
  lastHeartbeatAt: Epoch,
  /** The `sentAt` of the last heartbeat sent: the next one is always later (the collector ignores older ones). */
  lastHeartbeatSentAt: Epoch.default(null),
  /** Dead letters are sent in pages, by seq: the last seq of the page the collector took; 0 starts over. */
  deadCursorSeq: z.number().int().nonnegative().default(0),
  lastError: SyncErrorSchema.nullable(),
  /** Collector time minus device time, from the last answer's Date header; used to time-stamp signatures. */
  clockOffsetMs: z.number().int(),
  /** The endpoint this kiosk enrolled at (a new endpoint needs a new enrollment). */
  enrolledAt: z.string().max(500).nullable(),
  chain: ChainViewSchema.nullable(),
  disputes: DisputeUploadStateSchema.default(initialDisputeState),
})
export type UploadState = z.infer<typeof UploadStateSchema>

export const initialUploadState: UploadState = {
  failures: 0,
  nextAttemptAt: null,
  retryAfterUntil: null,
  credentialsRejected: false,
  requestRejected: false,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastHeartbeatAt: null,
  lastHeartbeatSentAt: null,
  deadCursorSeq: 0,
  lastError: null,
  clockOffsetMs: 0,
  enrolledAt: null,
  chain: null,
  disputes: initialDisputeState,
}

export function readUploadState(db: Db): UploadState {
  const raw = db.prepare('SELECT value FROM upload_state WHERE id = 1').pluck().get()
  return typeof raw === 'string' ? UploadStateSchema.parse(JSON.parse(raw)) : initialUploadState
}

/** Applies `change` to the stored state in one transaction (another process may have written it meanwhile). */
export function updateUploadState(db: Db, change: (state: UploadState) => UploadState): UploadState {
  return db
    .transaction(() => {
      const next = UploadStateSchema.parse(change(readUploadState(db)))
      db.prepare(
        'INSERT INTO upload_state (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
      ).run(JSON.stringify(next))
      return next
    })
    .immediate()
}

const LeaseSchema = z.strictObject({
  owner: z.string().max(64),
  acquired_at: z.number().int(),
  expires_at: z.number().int(),
})
type Lease = z.infer<typeof LeaseSchema>

/**
 * The lease row when someone else holds it and may still be uploading, else null. A lease is free once it has
 * expired, once its holder process is known to be gone (lease-owner.ts: a kiosk killed mid-round must not block
 * the next one for the lease's length), or when it was taken "in the future" by more than its own length — the
 * wall clock was set back since, or a kiosk whose clock jumped back a year would wait a year.
 */
function otherHolder(db: Db, owner: string, now: number): Lease | null {
  const raw = db.prepare('SELECT owner, acquired_at, expires_at FROM upload_lease WHERE id = 1').get()
  if (raw === undefined) return null
  const lease = LeaseSchema.parse(raw)
  if (lease.owner === owner) return null
  const length = lease.expires_at - lease.acquired_at
  const live = lease.expires_at > now && lease.acquired_at <= now + length
  return live && !holderGone(lease.owner) ? lease : null
}

/** Takes (or renews) the upload lease: single flight across processes sharing the database. */
export function acquireLease(db: Db, owner: string, now: number, ttlMs: number): boolean {
  return db
    .transaction(() => {
      if (otherHolder(db, owner, now) !== null) return false
      db.prepare(
        `INSERT INTO upload_lease (id, owner, acquired_at, expires_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
                                        expires_at = excluded.expires_at`,
      ).run(owner, now, now + ttlMs)
      return true
    })
    .immediate()
}

/** When another live holder's lease ends at the latest (it may hand it back sooner), or null when none blocks. */
export function leaseHeldElsewhereUntil(db: Db, owner: string, now: number): number | null {
  return otherHolder(db, owner, now)?.expires_at ?? null
}

export function releaseLease(db: Db, owner: string): void {
  db.prepare('DELETE FROM upload_lease WHERE id = 1 AND owner = ?').run(owner)
}
