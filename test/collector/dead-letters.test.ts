import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deviceStatus } from '../../electron/collector/status'
import type { Db } from '../../electron/core/db/open'
import { readUploadState } from '../../electron/core/upload/state-repo'
import { MAX_DEAD_PER_HEARTBEAT } from '../../shared/schemas/upload'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

/** What someone with the database file can do: mark a rating dead-lettered so it is never uploaded. */
function markDeadBySql(db: Db, where: string): void {
  db.prepare(`UPDATE outbox SET state = 'dead', last_error = 'x' WHERE ref_id IN (SELECT id FROM ratings WHERE ${where})`).run()
}

describe('dead letters reach the collector whole', () => {
  it('a rating suppressed by marking it dead, and edited: the collector checks its link and names it', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(10)
    kiosk.connect(collector)
    markDeadBySql(kiosk.db, 'seq = 4')
    kiosk.db.prepare("UPDATE ratings SET level = 1, level_key = 'not_satisfied' WHERE seq = 4").run()
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual({
      verifiedSeq: 3, // 1..3 intact; 4 is bad (later seqs were checked, but the prefix claim stops there)
      firstBadSeq: 4,
      reason: 'link',
      dead: 1,
      deadSeqs: [4],
    })
  })

  it('a rating suppressed by marking it dead: kept as evidence, flagged dead, visible in the chain view', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(10)
    kiosk.connect(collector)
    markDeadBySql(kiosk.db, 'seq = 6')
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const view = { verifiedSeq: 10, firstBadSeq: null, reason: null, dead: 1, deadSeqs: [6] }
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual(view)
    expect(kiosk.uploader.status().chain).toEqual(view)
    const row = z
      .strictObject({ seq: z.number(), chain_ok: z.number(), reason: z.string() })
      .parse(await collector.db.get('SELECT seq, chain_ok, reason FROM dead_records'))
    expect(row).toEqual({ seq: 6, chain_ok: 1, reason: 'x' })
  })

  it(`more dead letters than one heartbeat carries (${MAX_DEAD_PER_HEARTBEAT}): paged through, no gap left`, async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const count = 2 * MAX_DEAD_PER_HEARTBEAT + 30
    kiosk.rate(count, { stepMs: 0 })
    kiosk.connect(collector)
    markDeadBySql(kiosk.db, '1 = 1')
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(collector.faults.requests.heartbeat).toBe(3)
    const chain = { verifiedSeq: count, firstBadSeq: null, reason: null, dead: count }
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toMatchObject(chain)
    expect(readUploadState(kiosk.db).deadCursorSeq).toBe(0) // the next cycle starts over
    // Sent again in later cycles, the same records change nothing.
    kiosk.clock.advance(1000)
    collector.clock.advance(1000)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toMatchObject(chain)
    expect(await collector.db.value('SELECT count(*) FROM conflicts')).toBe(0)
  })
})
