import { HeartbeatAckSchema, MAX_DEAD_PER_HEARTBEAT, type ChainView, type Heartbeat } from '../../../shared/schemas/upload'
import type { Db } from '../db/open'
import { openHead } from '../ratings/chain-repo'
import type { ChainVault } from '../ratings/chain-seal'
import { exchange, type ExchangeContext, type Verdict } from './exchange'
import { deadPage, outboxCounts } from './outbox-repo'
import { headProof } from '../../../shared/protocol/signing'
import { readUploadState, updateUploadState } from './state-repo'

export interface HeartbeatResult {
  verdict: Verdict<{ chain: ChainView }>
  /** A full page of dead letters went: the next page should follow. */
  more: boolean
}

/**
 * One heartbeat: the head with its proof, what waits, and one page of dead letters, whole (by seq after the
 * stored cursor). A full page moves the cursor on; a short one resets it, so every dead letter is sent again in
 * later cycles — a collector that missed a page is never left with a permanent gap. `sentAt` is the corrected
 * clock, and always later than the last heartbeat's: the collector ignores a heartbeat that is not newer.
 */
export async function sendHeartbeat(
  ctx: ExchangeContext,
  db: Db,
  vault: ChainVault,
  appVersion: string,
  isClosed: () => boolean,
): Promise<HeartbeatResult> {
  const state = readUploadState(db)
  const head = openHead(db, vault)
  const counts = outboxCounts(db)
  const page = deadPage(db, ctx.deviceId, state.deadCursorSeq, MAX_DEAD_PER_HEARTBEAT)
  const floor = state.lastHeartbeatSentAt ?? 0
  let sentAt = floor
  const body = () => {
    // Made at send time: a heartbeat re-signed after a clock correction carries the corrected time too.
    sentAt = Math.max(ctx.clock.now() + ctx.offset.ms, floor + 1)
    const heartbeat: Heartbeat = {
      deviceId: ctx.deviceId,
      sentAt,
      head: { seq: head.seq, link: head.link, proof: headProof(head.key, head.seq, head.link) },
      pendingFromSeq: counts.pendingFromSeq,
      pending: counts.pending,
      dead: page,
      appVersion: appVersion.slice(0, 50),
    }
    return JSON.stringify(heartbeat)
  }
  const verdict = await exchange(ctx, { path: 'v1/heartbeat', body, signed: true, schema: HeartbeatAckSchema })
  if (isClosed()) return { verdict, more: false }
  const full = page.length === MAX_DEAD_PER_HEARTBEAT
  const last = page.at(-1)?.record.seq ?? 0
  // A heartbeat the collector may have taken raises the floor; one refused for its time must not (it was wrong).
  const mayHaveLanded = !(verdict.kind === 'retry' && verdict.code === 'TIMESTAMP_SKEW') && verdict.kind !== 'aborted'
  updateUploadState(db, (s) => ({
    ...s,
    lastHeartbeatSentAt: mayHaveLanded ? Math.max(s.lastHeartbeatSentAt ?? 0, sentAt) : s.lastHeartbeatSentAt,
    ...(verdict.kind === 'ok'
      ? { lastHeartbeatAt: ctx.clock.now(), deadCursorSeq: full ? last : 0 }
      : {}),
  }))
  return { verdict, more: verdict.kind === 'ok' && full }
}
