import { defaultUploadConfig, type ConnectionTest, type SyncStatus, type UploadConfig } from '../../../shared/schemas/sync'
import {
  BatchAckSchema,
  type BatchAck,
  EnrollResponseSchema,
  HEADERS,
  MAX_BATCH_RATINGS,
  type ChainView,
  type EnrollRequest,
} from '../../../shared/schemas/upload'
import type { Clock } from '../clock'
import { getSetting, hasSetting, putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Logger } from '../dispatch'
import { forgetGenesisKey, readGenesisKey } from '../ratings/chain-repo'
import { ChainKeyUnavailableError, chainVault } from '../ratings/chain-seal'
import { settle } from './ack'
import { exchange, type ExchangeContext, type Verdict } from './exchange'
import { testConnection } from './connection-test'
import { uploadDisputes } from './dispute-upload'
import { sendHeartbeat } from './heartbeat'
import { markDead, nextBatch, recordAttempt, settleBatch, type OutboxItem } from './outbox-repo'
import { batchIdFor, deriveDeviceKeys } from '../../../shared/protocol/signing'
import { newLeaseOwner } from './lease-owner'
import {
  acquireLease,
  leaseHeldElsewhereUntil,
  readUploadState,
  releaseLease,
  updateUploadState,
  type UploadState,
} from './state-repo'
import { buildStatus, recordFailure, recordSuccess, waitingUntil, type Failure } from './upload-status'

export interface UploaderDeps {
  db: Db
  clock: Clock
  deviceId: string
  deviceSecret: Buffer
  appVersion: string
  log: Logger
  /** [0, 1): the backoff's jitter. Injected so tests can pin the schedule. */
  random?: () => number
  /** Called whenever the status may have changed (core pushes it to the renderer as `sync:status`). */
  onStatus?: (status: SyncStatus) => void
  /**
   * Called once key_1 is gone from the live database (core cleans it out of the backups then). Not awaited: the
   * round goes on while that runs.
   */
  onEnrolled?: () => void
}

export type RoundResult = 'disabled' | 'waiting' | 'busy' | 'done' | 'failed' | 'closed'

export interface Uploader {
  /** One upload round. A call while a round runs joins that round: the timer and "sync now" never overlap. */
  flush(trigger: 'timer' | 'manual'): Promise<RoundResult>
  status(): SyncStatus
  /** IT's "test connection" against the saved endpoint (connection-test.ts): no ratings, no state written. */
  testConnection(): Promise<ConnectionTest>
  /** When the scheduler should start the next round (device clock, ms). */
  nextRunAt(): number
  /** Aborts the request in flight; no round touches the database afterwards. */
  close(): void
}

/** A round sends at most this many batches (100 000 ratings); the next round goes on where it stopped. */
const MAX_BATCHES_PER_ROUND = 200
/** A round sends at most this many heartbeats (dead-letter pages of MAX_DEAD_PER_HEARTBEAT each). */
const MAX_HEARTBEATS_PER_ROUND = 20

export function readUploadConfig(db: Db): UploadConfig {
  return hasSetting(db, 'upload') ? getSetting(db, 'upload') : defaultUploadConfig
}

/**
 * The upload lease covers the longest stretch between two renewals: it is renewed before every exchange, and
 * the longest exchange is an enrollment followed by a batch, each possibly signed twice (clock correction).
 */
export function leaseMsFor(config: UploadConfig): number {
  return config.timeoutSeconds * 4000 + 10_000
}

export function createUploader(deps: UploaderDeps): Uploader {
  const { db, clock, deviceId, log } = deps
  const keys = deriveDeviceKeys(deps.deviceSecret)
  const vault = chainVault(deps.deviceSecret)
  const random = deps.random ?? Math.random
  /** Lease owner: this uploader instance of this process (lease-owner.ts: a dead holder is noticed at once). */
  const owner = newLeaseOwner()
  const abort = new AbortController()
  let inFlight: Promise<RoundResult> | null = null
  let syncing = false
  let closed = false

  function status(): SyncStatus {
    const config = readUploadConfig(db)
    return buildStatus(db, config.enabled && config.endpoint !== null, syncing, leaseHeldElsewhereUntil(db, owner, clock.now()))
  }

  function emit(): void {
    if (closed || deps.onStatus === undefined) return
    try {
      deps.onStatus(status())
    } catch (error) {
      log.error('upload: could not report the sync status', error)
    }
  }

  function failed(verdict: Failure): RoundResult {
    recordFailure(db, clock.now(), random, verdict)
    log.info(`upload: ${verdict.kind} (${verdict.code}): ${verdict.message}`)
    return 'failed'
  }

  /** Renews the lease before a request; false when another process took it over (the round must stop). */
  function renew(config: UploadConfig): boolean {
    return !closed && acquireLease(db, owner, clock.now(), leaseMsFor(config))
  }

  /**
   * Dead-letters exactly the ratings the collector named (in this batch). Returns how many: none named means a
   * refusal of the request as a whole — nothing is dropped for it.
   */
  function deadLetterNamed(items: OutboxItem[], verdict: Extract<Verdict<unknown>, { kind: 'reject' }>): number {
    const byUuid = new Map(items.map((i) => [i.record.uuid, i]))
    const named = verdict.items.flatMap((n) => {
      const item = byUuid.get(n.uuid)
      return item === undefined ? [] : [{ outboxId: item.outboxId, reason: `${verdict.code}: ${n.reason}` }]
    })
    markDead(db, named)
    return named.length
  }

  async function enroll(ctx: ExchangeContext, config: UploadConfig, token: string): Promise<Verdict<unknown>> {
    let chainKey: string | null
    try {
      chainKey = readGenesisKey(db, vault)
    } catch (error) {
      if (!(error instanceof ChainKeyUnavailableError)) throw error
      return { kind: 'credentials', code: 'CHAIN_KEY_UNAVAILABLE', message: error.message }
    }
    if (chainKey === null) {
      const message = 'key_1 of the chain was handed to a collector already and is gone: that collector keeps this device'
      return { kind: 'credentials', code: 'CHAIN_KEY_GONE', message }
    }
    const body: EnrollRequest = { deviceId, token, signKey: keys.signKey, chainKey, label: config.label }
    const verdict = await exchange(ctx, {
      path: 'v1/enroll',
      body: JSON.stringify(body),
      signed: false,
      schema: EnrollResponseSchema,
    })
    if (verdict.kind !== 'ok' || closed) return verdict
    if (verdict.value.deviceId !== deviceId) {
      return { kind: 'retry', code: 'BAD_ANSWER', message: 'the enrollment answer names another device', retryAfterMs: null }
    }
    db.transaction(() => {
      // The token has done its job; it is not kept (a copied database must not enroll another kiosk). key_1 is
      // deleted in the same transaction: from now on only the collector can recompute the chain from its start.
      updateUploadState(db, (s) => ({ ...s, enrolledAt: config.endpoint }))
      putSetting(db, 'upload', { ...readUploadConfig(db), enrollmentToken: null })
      forgetGenesisKey(db)
    }).immediate()
    try {
      deps.onEnrolled?.()
    } catch (error) {
      log.error('upload: could not start removing the genesis key from the backups', error)
    }
    return verdict
  }

  async function sendBatch(ctx: ExchangeContext, items: OutboxItem[]) {
    const batchId = batchIdFor(
      deviceId,
      items.map((i) => i.record.uuid),
    )
    // Built by hand from the records' JSON, so the bytes (and their hash) are the same whenever they are resent.
    const body = `{"deviceId":${JSON.stringify(deviceId)},"batchId":"${batchId}","ratings":[${items.map((i) => i.json).join(',')}]}`
    const verdict = await exchange(ctx, {
      path: 'v1/batches',
      body,
      signed: true,
      extraHeaders: { [HEADERS.idempotencyKey]: batchId },
      schema: BatchAckSchema,
    })
    if (verdict.kind === 'ok' && verdict.value.batchId !== batchId) {
      return { kind: 'retry' as const, code: 'BAD_ANSWER', message: 'the answer is for another batch', retryAfterMs: null }
    }
    return verdict
  }

  /**
   * Applies a batch answer's per-rating verdicts (ack.ts): stored / duplicate → sent, conflict → dead, left out →
   * still pending. Returns how many were settled, or the failure for an answer that cannot be read (nothing settled).
   */
  function acknowledged(items: OutboxItem[], results: BatchAck['results']): number | Failure {
    const settled = settle(items, results)
    if (!settled.ok) {
      recordAttempt(db, items.map((i) => i.outboxId), `BAD_ANSWER: ${settled.message}`)
      return { kind: 'retry', code: 'BAD_ANSWER', message: settled.message, retryAfterMs: null }
    }
    settleBatch(db, settled, clock.now())
    return settled.sent.length + settled.dead.length
  }

  function contextFor(endpoint: string, config: UploadConfig, offset: { ms: number }): ExchangeContext {
    return {
      endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
      deviceId,
      signKey: keys.signKey,
      timeoutMs: config.timeoutSeconds * 1000,
      clock,
      signal: abort.signal,
      offset,
    }
  }

  function heartbeatDue(state: UploadState, config: UploadConfig, now: number): boolean {
    const last = state.lastHeartbeatAt
    return last === null || now < last || now - last >= config.heartbeatSeconds * 1000
  }

  async function round(trigger: 'timer' | 'manual'): Promise<RoundResult> {
    const config = readUploadConfig(db)
    if (!config.enabled || config.endpoint === null) return 'disabled'
    const state = readUploadState(db)
    const now = clock.now()
    if (waitingUntil(state, now, trigger) !== null) return 'waiting'
    // One commit for both: the lease, and the attempt's time.
    const leased = db.transaction(() => {
      if (!acquireLease(db, owner, now, leaseMsFor(config))) return false
      updateUploadState(db, (s) => ({ ...s, lastAttemptAt: now }))
      return true
    }).immediate()
    if (!leased) return 'busy'
    syncing = true
    emit()
    const offset = { ms: state.clockOffsetMs }
    const ctx = contextFor(config.endpoint, config, offset)
    try {
      return await attempt(ctx, config, state, trigger)
    } catch (error) {
      if (closed) return 'closed'
      log.error('upload: round failed', error)
      return failed({ kind: 'retry', code: 'INTERNAL', message: String(error).slice(0, 300), retryAfterMs: null })
    } finally {
      syncing = false
      if (!closed) {
        // One commit: the clock offset learnt on the way, and the lease handed back.
        db.transaction(() => {
          updateUploadState(db, (s) => ({ ...s, clockOffsetMs: offset.ms }))
          releaseLease(db, owner)
        }).immediate()
        emit()
      }
    }
  }

  async function attempt(
    ctx: ExchangeContext,
    config: UploadConfig,
    state: UploadState,
    trigger: 'timer' | 'manual',
  ): Promise<RoundResult> {
    if (config.enrollmentToken !== null && state.enrolledAt !== config.endpoint) {
      if (!renew(config)) return closed ? 'closed' : 'busy'
      const verdict = await enroll(ctx, config, config.enrollmentToken)
      if (closed || verdict.kind === 'aborted') return 'closed'
      if (verdict.kind !== 'ok') return failed(verdict)
    }
    let chain: ChainView | null = null
    let maxItems = MAX_BATCH_RATINGS
    let drained = false
    for (let i = 0; i < MAX_BATCHES_PER_ROUND && !drained; i++) {
      emit()
      // Before every request: a process that lost its lease (it stalled, another took over) stops here.
      if (!renew(config)) return closed ? 'closed' : 'busy'
      const items = nextBatch(db, deviceId, maxItems)
      if (items.length === 0) {
        drained = true
        break
      }
      const verdict = await sendBatch(ctx, items)
      if (closed || verdict.kind === 'aborted') return 'closed'
      const ids = items.map((item) => item.outboxId)
      if (verdict.kind === 'ok') {
        const settled = acknowledged(items, verdict.value.results)
        if (typeof settled !== 'number') return failed(settled)
        chain = verdict.value.chain
        if (settled === 0) {
          return failed({ kind: 'retry', code: 'NO_ACK', message: 'no rating acknowledged', retryAfterMs: null })
        }
        maxItems = Math.min(MAX_BATCH_RATINGS, maxItems * 2)
      } else if (verdict.kind === 'reject' && deadLetterNamed(items, verdict) > 0) {
        maxItems = MAX_BATCH_RATINGS // the others go again at once
      } else if (verdict.kind === 'too-large' && items.length > 1) {
        maxItems = Math.ceil(items.length / 2)
      } else {
        // Unnamed 400/422, 413 for a single rating, anything retryable: nothing is dropped; retried with backoff.
        recordAttempt(db, ids, `${verdict.code}: ${verdict.message}`)
        return failed(verdict)
      }
    }
    // Disputes after the ratings, with a backoff of their own: whatever the collector does with them, the round
    // (and the ratings' backoff) goes on as if they were not there.
    const disputes = await uploadDisputes(
      { db, clock, deviceId, ctx, random, renew: () => renew(config), isClosed: () => closed },
      trigger,
    )
    if (disputes === 'closed' || disputes === 'busy') return disputes
    // A round that stopped at its batch limit: the next round goes on; the heartbeat waits until all is sent (its
    // head is then close to what the collector holds, well within the collector's proof-check bound).
    if (drained && (trigger === 'manual' || heartbeatDue(readUploadState(db), config, clock.now()))) {
      for (let page = 0; page < MAX_HEARTBEATS_PER_ROUND; page++) {
        if (!renew(config)) return closed ? 'closed' : 'busy'
        const { verdict, more } = await sendHeartbeat(ctx, db, vault, deps.appVersion, () => closed)
        if (closed || verdict.kind === 'aborted') return 'closed'
        if (verdict.kind !== 'ok') return failed(verdict)
        chain = verdict.value.chain
        if (!more) break
      }
    }
    recordSuccess(db, clock.now(), chain)
    return 'done'
  }

  return {
    flush(trigger) {
      if (closed) return Promise.resolve('closed')
      inFlight ??= round(trigger).finally(() => {
        inFlight = null
      })
      return inFlight
    },
    status,
    testConnection() {
      const config = readUploadConfig(db)
      if (config.endpoint === null) {
        return Promise.resolve({ outcome: 'not-configured', code: null, message: '', clockOffsetMs: null })
      }
      // A copy of the learnt offset: the test never writes the uploader's state.
      const offset = { ms: readUploadState(db).clockOffsetMs }
      return testConnection(contextFor(config.endpoint, config, offset), deviceId)
    },
    nextRunAt() {
      const config = readUploadConfig(db)
      const state = readUploadState(db)
      const now = clock.now()
      const due = state.nextAttemptAt === null ? now + config.intervalSeconds * 1000 : (waitingUntil(state, now, 'timer') ?? now)
      // Another live process uploading: its lease ends by then at the latest (if it hangs, this one takes over).
      const leasedUntil = leaseHeldElsewhereUntil(db, owner, now)
      return leasedUntil === null ? due : Math.min(due, leasedUntil)
    },
    close() {
      if (closed) return
      closed = true
      abort.abort()
      // The round in flight (if any) is parked at an await and will not touch the database again.
      if (inFlight !== null) {
        try {
          releaseLease(db, owner)
        } catch (error) {
          log.error('upload: could not release the lease on close', error)
        }
      }
    },
  }
}
