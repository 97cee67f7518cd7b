import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { computeLink } from '../../shared/protocol/chain'
import { rawRatingInserter, verySatisfiedRecord } from '../upload/helpers/bulk'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

const RowSchema = z.object({
  counter_id: z.number().int(),
  officer_id: z.number().int(),
  officer_name: z.string(),
  counter_number: z.number().int(),
  created_at: z.number().int(),
})
const HeadSchema = z.strictObject({ seq: z.number().int(), link: z.string(), key: z.string() })

/**
 * What someone holding only kiosk.db (the app stopped, no keychain, no secrets folder) can do: read the chain
 * head and link a made-up "very satisfied" rating after it with whatever key the file holds, exactly as the
 * kiosk would, and move the head on. Before the chain key was sealed this produced a rating that verified.
 */
function appendForgedRating(dbFile: string, deviceId: string): number {
  const db = new Database(dbFile)
  try {
    const head = HeadSchema.parse(db.prepare('SELECT seq, link, key FROM chain_head WHERE id = 1').get())
    const last = RowSchema.parse(db.prepare('SELECT * FROM ratings WHERE seq = ?').get(head.seq))
    const seq = head.seq + 1
    const counter = {
      id: last.counter_id,
      number: last.counter_number,
      officer_id: last.officer_id,
      full_name: last.officer_name,
    }
    const record = verySatisfiedRecord(counter, deviceId, seq, last.created_at + 60_000)
    // The key column, taken as the hex key it used to be: the best the file alone offers.
    const link = computeLink(head.key, head.link, seq, canonicalJson(record))
    rawRatingInserter(db)(record, counter.id, link)
    db.prepare('UPDATE chain_head SET seq = ?, link = ? WHERE id = 1').run(seq, link)
    return seq
  } finally {
    db.close()
  }
}

describe('a rating forged into kiosk.db with the app stopped', () => {
  it('is reported by the collector as a bad link: the file alone does not hold the chain key', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    kiosk.rate(10)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toMatchObject({ verifiedSeq: 10, firstBadSeq: null })

    kiosk.uploader.close()
    kiosk.db.close()
    const forged = appendForgedRating(kiosk.dbFile, kiosk.deviceId)
    kiosk.restart()

    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toMatchObject({ firstBadSeq: forged, reason: 'link' })
    expect((await storedRatings(collector.db, kiosk.deviceId)).find((r) => r.seq === forged)?.chainOk).toBe(false)
  })
})
