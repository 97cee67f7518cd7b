import type { SyncState, SyncStatus } from '../../../shared/schemas/sync'
import type { ChainView } from '../../../shared/schemas/upload'
import type { Db } from '../db/open'
import { readHead } from '../ratings/chain-repo'
import { BACKOFF_CAP_MS, RETRY_AFTER_MAX_MS, backoffDelay } from './backoff'
import type { Verdict } from './exchange'
import { outboxCounts } from './outbox-repo'
import { readUploadState, updateUploadState, type UploadState } from './state-repo'

/** An exchange that did not go through (and was not cut short by closing). */
export type Failure = Exclude<Verdict<unknown>, { kind: 'ok' } | { kind: 'aborted' }>

/**
 * Records a failed round and when to try again: the backoff delay, or the collector's Retry-After when that is
 * longer — `Retry-After: 0` or a date in the past never means "hammer at once".
 */
export function recordFailure(db: Db, now: number, random: () => number, verdict: Failure): void {
  updateUploadState(db, (s) => {
    const failures = s.failures + 1
    const retryAfterMs = verdict.kind === 'retry' ? verdict.retryAfterMs : null
    const backoff = verdict.kind === 'credentials' ? BACKOFF_CAP_MS : backoffDelay(failures, random)
    return {
      ...s,
      failures,
      nextAttemptAt: now + Math.max(retryAfterMs ?? 0, backoff),
      retryAfterUntil: retryAfterMs === null ? null : now + retryAfterMs,
      credentialsRejected: verdict.kind === 'credentials',
      requestRejected: verdict.kind === 'reject' || verdict.kind === 'too-large',
      lastError: { code: verdict.code.slice(0, 64), message: verdict.message.slice(0, 1000), at: now },
    }
  })
}

export function recordSuccess(db: Db, now: number, chain: ChainView | null): void {
  updateUploadState(db, (s) => ({
    ...s,
    failures: 0,
    nextAttemptAt: null,
    retryAfterUntil: null,
    credentialsRejected: false,
    requestRejected: false,
    lastSuccessAt: now,
    chain: chain ?? s.chain,
  }))
}

/**
 * Until when a round must wait, or null when it may go now. "Sync now" skips the backoff, never a Retry-After.
 * A stored wait longer than it can ever be (1 h for a Retry-After, 5 min for the backoff) means the wall clock
 * was set back since it was stored: it is due, or a kiosk whose clock jumped back a day would stall for a day.
 */
export function waitingUntil(
  state: Pick<UploadState, 'retryAfterUntil' | 'nextAttemptAt'>,
  now: number,
  trigger: 'timer' | 'manual',
): number | null {
  const until = state.retryAfterUntil
  if (until !== null && until > now && until - now <= RETRY_AFTER_MAX_MS) return until
  if (trigger === 'manual' || state.nextAttemptAt === null) return null
  const cap = state.retryAfterUntil !== null ? RETRY_AFTER_MAX_MS : BACKOFF_CAP_MS
  const next = state.nextAttemptAt
  return next > now && next - now <= cap ? next : null
}

function stateOf(state: UploadState, enabled: boolean, syncing: boolean, leased: boolean): SyncState {
  if (!enabled) return 'disabled'
  if (syncing) return 'syncing'
  if (leased) return 'leased'
  if (state.credentialsRejected) return 'credentials'
  if (state.requestRejected) return 'rejected'
  return state.failures > 0 ? 'backoff' : 'idle'
}

/**
 * `leasedUntil`: when another live process's upload lease ends, null when none blocks this one. Waiting on it,
 * or on the backoff, is a state of its own: "idle" with ratings pending and nothing moving would hide a stall.
 */
export function buildStatus(db: Db, enabled: boolean, syncing: boolean, leasedUntil: number | null): SyncStatus {
  const state = readUploadState(db)
  const counts = outboxCounts(db)
  const leased = !syncing && leasedUntil !== null
  return {
    state: stateOf(state, enabled, syncing, leased),
    pending: counts.pending,
    dead: counts.dead,
    headSeq: readHead(db).seq,
    lastSuccessAt: state.lastSuccessAt,
    lastAttemptAt: state.lastAttemptAt,
    lastError: state.lastError,
    nextAttemptAt: !enabled ? null : leased ? Math.max(leasedUntil, state.nextAttemptAt ?? 0) : state.nextAttemptAt,
    chain: state.chain,
    disputes: {
      pending: counts.disputesPending,
      dead: counts.disputesDead,
      lastError: state.disputes.lastError,
      nextAttemptAt: enabled ? state.disputes.nextAttemptAt : null,
    },
  }
}
