import crypto from 'node:crypto'
import { defaultUploadConfig, type SyncStatus, type UploadConfig } from '../../../shared/schemas/sync'
import {
  BatchAckSchema,
  EnrollResponseSchema,
  HeartbeatAckSchema,
  HEADERS,
  MAX_BATCH_RATINGS,
  type ChainView,
  type EnrollRequest,
  type Heartbeat,
} from '../../../shared/schemas/upload'
import type { Clock } from '../clock'
import { getSetting, hasSetting, putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Logger } from '../dispatch'
import { readHead } from '../ratings/chain-repo'
import { BACKOFF_CAP_MS, backoffDelay } from './backoff'
import { exchange, type ExchangeContext, type Verdict } from './exchange'
import { deadLetters, markDead, markSent, nextBatch, outboxCounts, recordAttempt, type OutboxItem } from './outbox-repo'
import { batchIdFor, deriveDeviceKeys, headProof } from './signing'
import { acquireLease, readUploadState, releaseLease, updateUploadState, type UploadState } from './state-repo'

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
}

export type RoundResult = 'disabled' | 'waiting' | 'busy' | 'done' | 'failed' | 'closed'

export interface Uploader {
  /** One upload round. A call while a round runs joins that round: the timer and "sync now" never overlap. */
  flush(trigger: 'timer' | 'manual'): Promise<RoundResult>
  status(): SyncStatus
  /** When the scheduler should start the next round (device clock, ms). */
  nextRunAt(): number
  /** Aborts the request in flight; no round touches the database afterwards. */
  close(): void
}

/** A round sends at most this many batches (100 000 ratings); the next round goes on where it stopped. */
const MAX_BATCHES_PER_ROUND = 200

export function readUploadConfig(db: Db): UploadConfig {
  return hasSetting(db, 'upload') ? getSetting(db, 'upload') : defaultUploadConfig
}

export function createUploader(deps: UploaderDeps): Uploader {
  const { db, clock, deviceId, log } = deps
  const keys = deriveDeviceKeys(deps.deviceSecret)
  const random = deps.random ?? Math.random
  /** Lease owner: this uploader instance (a second process, or a restarted one, is someone else). */
  const owner = crypto.randomUUID()
  const abort = new AbortController()
  let inFlight: Promise<RoundResult> | null = null
  let syncing = false
  let closed = false

  function status(): SyncStatus {
    const config = readUploadConfig(db)
    const state = readUploadState(db)
    const counts = outboxCounts(db)
    const enabled = config.enabled && config.endpoint !== null
    return {
      state: !enabled
        ? 'disabled'
        : syncing
          ? 'syncing'
          : state.credentialsRejected
            ? 'credentials'
            : state.failures > 0
              ? 'backoff'
              : 'idle',
      pending: counts.pending,
      dead: counts.dead,
      headSeq: readHead(db).seq,
      lastSuccessAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      lastError: state.lastError,
      nextAttemptAt: enabled ? state.nextAttemptAt : null,
      chain: state.chain,
    }
  }

  function emit(): void {
    if (closed || deps.onStatus === undefined) return
    try {
      deps.onStatus(status())
    } catch (error) {
      log.error('upload: could not report the sync status', error)
    }
  }

  /** Records a failed round and when to try again. */
  function failed(verdict: Exclude<Verdict<unknown>, { kind: 'ok' } | { kind: 'aborted' }>): RoundResult {
    const now = clock.now()
    updateUploadState(db, (s) => {
      const failures = s.failures + 1
      const retryAfterMs = verdict.kind === 'retry' ? verdict.retryAfterMs : null
      const wait =
        verdict.kind === 'credentials' ? BACKOFF_CAP_MS : (retryAfterMs ?? backoffDelay(failures, random))
      return {
        ...s,
        failures,
        nextAttemptAt: now + wait,
        retryAfterUntil: retryAfterMs === null ? null : now + retryAfterMs,
        credentialsRejected: verdict.kind === 'credentials',
        lastError: { code: verdict.code.slice(0, 64), message: verdict.message.slice(0, 1000), at: now },
      }
    })
    log.info(`upload: ${verdict.kind} (${verdict.code}): ${verdict.message}`)
    return 'failed'
  }

  function succeeded(chain: ChainView | null): RoundResult {
    const now = clock.now()
    updateUploadState(db, (s) => ({
      ...s,
      failures: 0,
      nextAttemptAt: null,
      retryAfterUntil: null,
      credentialsRejected: false,
      lastSuccessAt: now,
      chain: chain ?? s.chain,
    }))
    return 'done'
  }

  /** Dead-letters what the collector named, or narrows the batch down until the culprit stands alone. */
  function rejected(items: OutboxItem[], verdict: Extract<Verdict<unknown>, { kind: 'reject' }>): number {
    const byUuid = new Map(items.map((i) => [i.record.uuid, i]))
    const named = verdict.items.flatMap((n) => {
      const item = byUuid.get(n.uuid)
      return item === undefined ? [] : [{ outboxId: item.outboxId, reason: `${verdict.code}: ${n.reason}` }]
    })
    if (named.length > 0) {
      markDead(db, named)
      return MAX_BATCH_RATINGS
    }
    const [only] = items
    if (items.length === 1 && only !== undefined) {
      markDead(db, [{ outboxId: only.outboxId, reason: `${verdict.code}: ${verdict.message}` }])
      return MAX_BATCH_RATINGS
    }
    return Math.ceil(items.length / 2)
  }

  async function enroll(ctx: ExchangeContext, config: UploadConfig, token: string): Promise<Verdict<unknown>> {
    const body: EnrollRequest = { deviceId, token, signKey: keys.signKey, chainKey: keys.chainKey, label: config.label }
    const verdict = await exchange(ctx, {
      path: 'v1/enroll',
      body: JSON.stringify(body),
      signed: false,
      schema: EnrollResponseSchema,
    })
    if (verdict.kind === 'ok' && !closed) {
      // The token has done its job; it is not kept (a copied database must not enroll another kiosk).
      updateUploadState(db, (s) => ({ ...s, enrolledAt: config.endpoint }))
      putSetting(db, 'upload', { ...readUploadConfig(db), enrollmentToken: null })
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
    return exchange(ctx, {
      path: 'v1/batches',
      body,
      signed: true,
      extraHeaders: { [HEADERS.idempotencyKey]: batchId },
      schema: BatchAckSchema,
    })
  }

  /** Applies per-item acknowledgements: stored / duplicate → sent, conflict → dead. Returns how many were settled. */
  function acknowledged(items: OutboxItem[], results: { uuid: string; status: string; reason?: string }[]): number {
    const byUuid = new Map(items.map((i) => [i.record.uuid, i]))
    const sent: number[] = []
    const dead: { outboxId: number; reason: string }[] = []
    for (const r of results) {
      const item = byUuid.get(r.uuid)
      if (item === undefined) continue
      if (r.status === 'conflict') dead.push({ outboxId: item.outboxId, reason: `conflict: ${r.reason ?? ''}` })
      else sent.push(item.outboxId)
      byUuid.delete(r.uuid)
    }
    markSent(db, sent, clock.now())
    markDead(db, dead)
    if (byUuid.size > 0) {
      recordAttempt(
        db,
        [...byUuid.values()].map((i) => i.outboxId),
        'not acknowledged',
      )
    }
    return sent.length + dead.length
  }

  async function sendHeartbeat(ctx: ExchangeContext): Promise<Verdict<{ chain: ChainView }>> {
    const head = readHead(db)
    const counts = outboxCounts(db)
    const heartbeat: Heartbeat = {
      deviceId,
      head: { seq: head.seq, link: head.link, proof: headProof(head.key, head.seq, head.link) },
      pendingFromSeq: counts.pendingFromSeq,
      pending: counts.pending,
      dead: deadLetters(db, 500).map(({ seq, uuid, link }) => ({ seq, uuid, link })),
      appVersion: deps.appVersion.slice(0, 50),
    }
    const verdict = await exchange(ctx, {
      path: 'v1/heartbeat',
      body: JSON.stringify(heartbeat),
      signed: true,
      schema: HeartbeatAckSchema,
    })
    if (verdict.kind === 'ok' && !closed) updateUploadState(db, (s) => ({ ...s, lastHeartbeatAt: clock.now() }))
    return verdict
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
    if (state.retryAfterUntil !== null && now < state.retryAfterUntil) return 'waiting'
    if (trigger === 'timer' && state.nextAttemptAt !== null && now < state.nextAttemptAt) return 'waiting'
    // Long enough for one request and its bookkeeping; renewed after every batch.
    const leaseMs = config.timeoutSeconds * 2000 + 10_000
    if (!acquireLease(db, owner, now, leaseMs)) return 'busy'
    syncing = true
    emit()
    const offset = { ms: state.clockOffsetMs }
    const ctx: ExchangeContext = {
      endpoint: config.endpoint.endsWith('/') ? config.endpoint : `${config.endpoint}/`,
      deviceId,
      signKey: keys.signKey,
      timeoutMs: config.timeoutSeconds * 1000,
      clock,
      signal: abort.signal,
      offset,
    }
    try {
      updateUploadState(db, (s) => ({ ...s, lastAttemptAt: now }))
      const result = await attempt(ctx, config, state, trigger)
      if (!closed) updateUploadState(db, (s) => ({ ...s, clockOffsetMs: offset.ms }))
      return result
    } catch (error) {
      if (closed) return 'closed'
      log.error('upload: round failed', error)
      return failed({ kind: 'retry', code: 'INTERNAL', message: String(error).slice(0, 300), retryAfterMs: null })
    } finally {
      syncing = false
      if (!closed) {
        releaseLease(db, owner)
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
      const verdict = await enroll(ctx, config, config.enrollmentToken)
      if (closed || verdict.kind === 'aborted') return 'closed'
      if (verdict.kind !== 'ok') return failed(verdict)
    }
    let chain: ChainView | null = null
    let maxItems = MAX_BATCH_RATINGS
    for (let i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
      const items = nextBatch(db, deviceId, maxItems)
      if (items.length === 0) break
      emit()
      const verdict = await sendBatch(ctx, items)
      if (closed || verdict.kind === 'aborted') return 'closed'
      if (verdict.kind === 'reject') {
        maxItems = rejected(items, verdict)
      } else if (verdict.kind !== 'ok') {
        recordAttempt(
          db,
          items.map((item) => item.outboxId),
          `${verdict.code}: ${verdict.message}`,
        )
        return failed(verdict)
      } else {
        chain = verdict.value.chain
        if (acknowledged(items, verdict.value.results) === 0) {
          return failed({ kind: 'retry', code: 'NO_ACK', message: 'no rating acknowledged', retryAfterMs: null })
        }
        maxItems = Math.min(MAX_BATCH_RATINGS, maxItems * 2)
      }
      acquireLease(db, owner, clock.now(), config.timeoutSeconds * 2000 + 10_000)
    }
    if (trigger === 'manual' || heartbeatDue(readUploadState(db), config, clock.now())) {
      const verdict = await sendHeartbeat(ctx)
      if (closed || verdict.kind === 'aborted') return 'closed'
      if (verdict.kind !== 'ok') return failed(verdict)
      chain = verdict.value.chain
    }
    return succeeded(chain)
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
    nextRunAt() {
      const config = readUploadConfig(db)
      const state = readUploadState(db)
      const interval = clock.now() + config.intervalSeconds * 1000
      return state.nextAttemptAt === null ? interval : Math.max(state.nextAttemptAt, clock.now())
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
