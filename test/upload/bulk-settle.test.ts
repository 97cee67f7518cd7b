import { describe, expect, it } from 'vitest'
import { nextBatch, outboxCounts, requeueDead, settleBatch } from '../../electron/core/upload/outbox-repo'
import { testKiosk } from './helpers/kiosk'

/**
 * One full batch (500 ratings, the JSON-ids parameter at its largest) settled by an answer that mixes every
 * outcome: each outbox row ends exactly where its own verdict puts it, with its own reason, counted once; rows
 * not in the batch and rows no longer pending are left as they are.
 */
describe('a full batch settled in one commit', () => {
  it('applies stored, duplicate, conflict and unanswered verdicts row by row', () => {
    const kiosk = testKiosk()
    kiosk.rate(520, { stepMs: 0, perTransaction: 100 })
    const items = nextBatch(kiosk.db, kiosk.deviceId)
    expect(items).toHaveLength(500)
    const ids = items.map((i) => i.outboxId)
    // Every third rating sent, every third (offset 1) refused with its own reason, the rest unanswered.
    const sent = ids.filter((_, i) => i % 3 === 0)
    const dead = ids.filter((_, i) => i % 3 === 1).map((outboxId) => ({ outboxId, reason: `conflict: #${outboxId}` }))
    const unacknowledged = ids.filter((_, i) => i % 3 === 2)
    // One of the batch was settled already (a late answer): it must not move again.
    const early = unacknowledged[0] ?? 0
    kiosk.db.prepare("UPDATE outbox SET state = 'sent', sent_at = 1 WHERE id = ?").run(early)

    settleBatch(kiosk.db, { sent, dead, unacknowledged }, 12_345)

    const rows = kiosk.db
      .prepare('SELECT id, state, sent_at, attempts, last_error FROM outbox WHERE kind = ? ORDER BY id')
      .all('rating') as { id: number; state: string; sent_at: number | null; attempts: number; last_error: string | null }[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const id of sent) expect(byId.get(id)).toMatchObject({ state: 'sent', sent_at: 12_345, attempts: 1 })
    for (const d of dead) expect(byId.get(d.outboxId)).toMatchObject({ state: 'dead', last_error: d.reason, attempts: 1 })
    for (const id of unacknowledged.slice(1)) {
      expect(byId.get(id)).toMatchObject({ state: 'pending', attempts: 1, last_error: 'not acknowledged' })
    }
    expect(byId.get(early)).toMatchObject({ state: 'sent', sent_at: 1, attempts: 0, last_error: null })
    const outside = rows.filter((r) => !ids.includes(r.id))
    expect(outside).toHaveLength(20)
    for (const r of outside) expect(r).toMatchObject({ state: 'pending', attempts: 0, last_error: null })
  })
})

describe('the oldest pending seq the status and the heartbeat report', () => {
  it('follows sends, dead letters and "send again"', () => {
    const kiosk = testKiosk()
    kiosk.rate(8, { stepMs: 0 })
    const items = nextBatch(kiosk.db, kiosk.deviceId)
    const seqOf = (i: number) => items[i]?.record.seq ?? 0
    const idOf = (i: number) => items[i]?.outboxId ?? 0
    expect(outboxCounts(kiosk.db).pendingFromSeq).toBe(seqOf(0))
    settleBatch(kiosk.db, { sent: [idOf(0), idOf(1), idOf(3)], dead: [{ outboxId: idOf(2), reason: 'conflict: x' }], unacknowledged: [] }, 1)
    expect(outboxCounts(kiosk.db)).toMatchObject({ pending: 4, dead: 1, pendingFromSeq: seqOf(4) })
    expect(requeueDead(kiosk.db, [items[2]?.record.uuid ?? ''])).toBe(1)
    expect(outboxCounts(kiosk.db)).toMatchObject({ pending: 5, dead: 0, pendingFromSeq: seqOf(2) })
    settleBatch(kiosk.db, { sent: items.map((i) => i.outboxId), dead: [], unacknowledged: [] }, 2)
    expect(outboxCounts(kiosk.db)).toMatchObject({ pending: 0, pendingFromSeq: null })
  })
})
