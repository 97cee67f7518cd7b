import { z } from 'zod'
import { verbatim } from '../../../shared/schemas/common'
import {
  DisputeAckSchema,
  DisputeStateSchema,
  MAX_BATCH_DISPUTES,
  type DisputeAck,
  type DisputeRecord,
} from '../../../shared/schemas/upload-disputes'
import { HEADERS } from '../../../shared/schemas/upload'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import { BACKOFF_CAP_MS, backoffDelay } from './backoff'
import { exchange, type ExchangeContext } from './exchange'
import { markDead, markSent, recordAttempt } from './outbox-repo'
import { batchIdFor } from '../../../shared/protocol/signing'
import { readUploadState, updateUploadState } from './state-repo'
import { waitingUntil, type Failure } from './upload-status'

/**
 * The dispute phase of an upload round (PROTOCOL.md, "POST /v1/disputes"): pending dispute events, oldest first,
 * in their own signed batches, with the ratings' rules — per-item acks, 400/422 naming items dead-letters them,
 * 413 halves, everything else retried with full-jitter backoff and Retry-After — but a backoff of its own
 * (UploadState.disputes), so a collector that fails disputes never holds ratings back.
 */
export interface DisputeItem {
  outboxId: number
  uuid: string
  state: DisputeRecord['state']
  json: string
}

const RowSchema = z.strictObject({
  outbox_id: z.number().int(),
  uuid: z.uuid(),
  rating_uuid: z.uuid(),
  state: DisputeStateSchema,
  note: verbatim(500),
  actor: verbatim(100),
  at: z.number().int().nonnegative(),
})

const SELECT_PENDING = `
  SELECT o.id AS outbox_id, d.uuid, r.uuid AS rating_uuid, e.state, e.note, e.actor, e.at
    FROM outbox o
    JOIN dispute_events e ON e.id = o.ref_id
    JOIN disputes d ON d.id = e.dispute_id
    JOIN ratings r ON r.id = d.rating_id
   WHERE o.state = 'pending' AND o.kind = 'dispute'
   ORDER BY o.id
   LIMIT ?`

/** The oldest pending dispute events, as the records they go out as (built from immutable rows: same bytes). */
export function nextDisputeBatch(db: Db, deviceId: string, maxItems = MAX_BATCH_DISPUTES): DisputeItem[] {
  const limit = Math.max(1, Math.min(maxItems, MAX_BATCH_DISPUTES))
  return db
    .prepare(SELECT_PENDING)
    .all(limit)
    .map((raw) => {
      const r = RowSchema.parse(raw)
      const record: DisputeRecord = {
        uuid: r.uuid,
        deviceId,
        ratingUuid: r.rating_uuid,
        state: r.state,
        note: r.note,
        by: r.actor,
        at: r.at,
      }
      return { outboxId: r.outbox_id, uuid: r.uuid, state: r.state, json: JSON.stringify(record) }
    })
}

const keyOf = (uuid: string, state: string) => `${uuid}:${state}`

/** stored / duplicate → sent, conflict → dead, not named → an attempt. Returns how many were settled. */
function acknowledged(db: Db, now: number, items: DisputeItem[], results: DisputeAck['results']): number {
  const byKey = new Map(items.map((i) => [keyOf(i.uuid, i.state), i]))
  const sent: number[] = []
  const dead: { outboxId: number; reason: string }[] = []
  for (const r of results) {
    const item = byKey.get(keyOf(r.uuid, r.state))
    if (item === undefined) continue
    if (r.status === 'conflict') dead.push({ outboxId: item.outboxId, reason: `conflict: ${r.reason ?? ''}` })
    else sent.push(item.outboxId)
    byKey.delete(keyOf(r.uuid, r.state))
  }
  markSent(db, sent, now)
  markDead(db, dead)
  if (byKey.size > 0) recordAttempt(db, [...byKey.values()].map((i) => i.outboxId), 'not acknowledged')
  return sent.length + dead.length
}

function recordDisputeFailure(db: Db, now: number, random: () => number, verdict: Failure): void {
  updateUploadState(db, (s) => {
    const failures = s.disputes.failures + 1
    const retryAfterMs = verdict.kind === 'retry' ? verdict.retryAfterMs : null
    const backoff = verdict.kind === 'credentials' ? BACKOFF_CAP_MS : backoffDelay(failures, random)
    return {
      ...s,
      disputes: {
        failures,
        nextAttemptAt: now + Math.max(retryAfterMs ?? 0, backoff),
        retryAfterUntil: retryAfterMs === null ? null : now + retryAfterMs,
        lastError: { code: verdict.code.slice(0, 64), message: verdict.message.slice(0, 1000), at: now },
      },
    }
  })
}

export interface DisputePhase {
  db: Db
  clock: Clock
  deviceId: string
  ctx: ExchangeContext
  random: () => number
  /** Renews the upload lease before a request; false when the round must stop. */
  renew: () => boolean
  isClosed: () => boolean
}

/** A round sends at most this many dispute batches; the next round goes on. */
const MAX_DISPUTE_BATCHES_PER_ROUND = 20

export type DisputePhaseResult = 'done' | 'waiting' | 'failed' | 'busy' | 'closed'

export async function uploadDisputes(p: DisputePhase, trigger: 'timer' | 'manual'): Promise<DisputePhaseResult> {
  const { db, clock, deviceId } = p
  if (waitingUntil(readUploadState(db).disputes, clock.now(), trigger) !== null) return 'waiting'
  let maxItems = MAX_BATCH_DISPUTES
  for (let i = 0; i < MAX_DISPUTE_BATCHES_PER_ROUND; i++) {
    if (!p.renew()) return p.isClosed() ? 'closed' : 'busy'
    const items = nextDisputeBatch(db, deviceId, maxItems)
    if (items.length === 0) break
    const batchId = batchIdFor(deviceId, items.map((item) => keyOf(item.uuid, item.state)))
    const body = `{"deviceId":${JSON.stringify(deviceId)},"batchId":"${batchId}","disputes":[${items.map((item) => item.json).join(',')}]}`
    const verdict = await exchange(p.ctx, {
      path: 'v1/disputes',
      body,
      signed: true,
      extraHeaders: { [HEADERS.idempotencyKey]: batchId },
      schema: DisputeAckSchema,
    })
    if (p.isClosed() || verdict.kind === 'aborted') return 'closed'
    if (verdict.kind === 'ok' && verdict.value.batchId === batchId) {
      if (acknowledged(db, clock.now(), items, verdict.value.results) > 0) continue
    }
    if (verdict.kind === 'reject') {
      const named = new Map(verdict.items.map((n) => [n.uuid, n.reason]))
      const dead = items.flatMap((item) => {
        const reason = named.get(item.uuid)
        return reason === undefined ? [] : [{ outboxId: item.outboxId, reason: `${verdict.code}: ${reason}` }]
      })
      markDead(db, dead)
      if (dead.length > 0) continue
    }
    if (verdict.kind === 'too-large' && items.length > 1) {
      maxItems = Math.ceil(items.length / 2)
      continue
    }
    const failure: Failure =
      verdict.kind === 'ok'
        ? { kind: 'retry', code: 'NO_ACK', message: 'no dispute acknowledged', retryAfterMs: null }
        : verdict
    recordAttempt(db, items.map((item) => item.outboxId), `${failure.code}: ${failure.message}`)
    recordDisputeFailure(db, clock.now(), p.random, failure)
    return 'failed'
  }
  updateUploadState(db, (s) => ({
    ...s,
    disputes: { ...s.disputes, failures: 0, nextAttemptAt: null, retryAfterUntil: null },
  }))
  return 'done'
}
