import { describe, expect, it } from 'vitest'
import { explain, recordingDb } from '../../bench/sql-recorder'
import { deadLetters, deadPage, nextBatch, outboxCounts } from '../../electron/core/upload/outbox-repo'
import { nextDisputeBatch } from '../../electron/core/upload/dispute-upload'
import { testKiosk } from './helpers/kiosk'

describe('outbox reads', () => {
  it('find pending and dead rows through partial indexes that hold no sent row, never by a scan', () => {
    const kiosk = testKiosk()
    kiosk.rate(3)
    const recording = recordingDb(kiosk.db)
    nextBatch(recording.db, kiosk.deviceId)
    outboxCounts(recording.db)
    deadLetters(recording.db, 10)
    deadPage(recording.db, kiosk.deviceId, 0, 10)
    nextDisputeBatch(recording.db, kiosk.deviceId)
    const plans = explain(kiosk.db, recording.queries)
    expect(plans.length).toBeGreaterThanOrEqual(5)
    for (const { sql, plan } of plans) {
      const outboxSteps = plan.filter((step) => /\b(o|outbox)\b USING|SCAN (o|outbox)\b/.test(step))
      expect(outboxSteps.length, sql).toBeGreaterThan(0)
      for (const step of outboxSteps) expect(step, sql).toMatch(/USING (COVERING )?INDEX outbox_(pending|dead)/)
    }
    // Sent rows (nearly all of them, kept for good) cost no index entry: the lookup indexes are partial.
    const indexes = kiosk.db.pragma('index_list(outbox)') as { name: string; origin: string; partial: number }[]
    expect(indexes.filter((i) => i.origin === 'c').map((i) => [i.name, i.partial]).sort()).toEqual([
      ['outbox_dead', 1],
      ['outbox_pending', 1],
    ])
  })
})
