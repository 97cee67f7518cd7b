import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import type { Db } from '../../electron/core/db/open'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

/** Removes a rating the way someone with the database file would: every row that points at it too. */
function deleteRating(db: Db, seq: number): void {
  const id = db.prepare('SELECT id FROM ratings WHERE seq = ?').pluck().get(seq)
  db.prepare("DELETE FROM outbox WHERE kind = 'rating' AND ref_id = ?").run(id)
  db.prepare('DELETE FROM ratings WHERE id = ?').run(id)
}

function insertForged(db: Db, seq: number): void {
  const id = db
    .prepare(
      `INSERT INTO ratings (uuid, seq, counter_id, officer_id, officer_name, counter_number, level, level_key,
                            level_label, scale, language, mode, created_at, link)
       SELECT ?, ?, counter_id, officer_id, officer_name, counter_number, 3, 'very_satisfied', 'Rất hài lòng', 3,
              'vi', 'lobby', created_at, ?
         FROM ratings WHERE seq = 1`,
    )
    .run(crypto.randomUUID(), seq, crypto.randomBytes(32).toString('hex')).lastInsertRowid
  db.prepare("INSERT INTO outbox (kind, ref_id, state) VALUES ('rating', ?, 'pending')").run(id)
}

const cases: [string, number, string, (db: Db) => void][] = [
  ['a level changed', 4, 'link', (db) => db.prepare("UPDATE ratings SET level = 1, level_key = 'not_satisfied' WHERE seq = 4").run()],
  ['the officer changed', 6, 'link', (db) => db.prepare('UPDATE ratings SET officer_id = officer_id + 1 WHERE seq = 6').run()],
  ['the time changed', 7, 'link', (db) => db.prepare('UPDATE ratings SET created_at = created_at - 3600000 WHERE seq = 7').run()],
  ['a middle row deleted', 5, 'gap', (db) => deleteRating(db, 5)],
  [
    'two rows swapped',
    3,
    'link',
    (db) => {
      db.prepare('UPDATE ratings SET seq = 1000 WHERE seq = 3').run()
      db.prepare('UPDATE ratings SET seq = 3 WHERE seq = 8').run()
      db.prepare('UPDATE ratings SET seq = 8 WHERE seq = 1000').run()
    },
  ],
  [
    'a forged row inserted in the middle',
    5,
    'link',
    (db) => {
      db.prepare('UPDATE ratings SET seq = seq + 100 WHERE seq >= 5').run()
      db.prepare('UPDATE ratings SET seq = seq - 99 WHERE seq >= 105').run()
      insertForged(db, 5)
    },
  ],
  ['a forged row appended', 11, 'link', (db) => insertForged(db, 11)],
]

describe('tamper evidence at the collector', () => {
  it.each(cases)('%s: detected, naming seq %d (%s)', async (_name, firstBadSeq, reason, tamper) => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(10)
    kiosk.connect(collector)
    tamper(kiosk.db)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const view = (await deviceStatus(collector.db, kiosk.deviceId))?.chain
    expect(view).toMatchObject({ firstBadSeq, reason })
    expect(kiosk.uploader.status().chain).toEqual(view) // the kiosk's IT screen shows it too
    // Nothing is thrown away: whatever arrived is stored, the bad record flagged.
    const stored = (await storedRatings(collector.db, kiosk.deviceId))
    expect(stored.length).toBeGreaterThanOrEqual(9)
    if (reason === 'link') expect(stored.find((r) => r.seq === firstBadSeq)?.chainOk).toBe(false)
  })

  it('an untouched chain is verified to its head', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(10)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual({ verifiedSeq: 10, firstBadSeq: null, reason: null , dead: 0, deadSeqs: [] })
    expect((await storedRatings(collector.db, kiosk.deviceId)).every((r) => r.chainOk)).toBe(true)
  })

  it.each([
    ['only the rows deleted', false, 'gap'],
    ['the rows deleted and the head rolled back', true, 'head'],
  ])('the last unsent rows deleted (%s): detected at the next heartbeat', async (_name, rollBack, reason) => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done') // enrolled; heartbeat sent
    kiosk.rate(10)
    for (const seq of [8, 9, 10]) deleteRating(kiosk.db, seq)
    if (rollBack) {
      const link7 = kiosk.db.prepare('SELECT link FROM ratings WHERE seq = 7').pluck().get()
      kiosk.db.prepare('UPDATE chain_head SET seq = 7, link = ?').run(link7) // the key cannot be rolled back
    }
    expect(await kiosk.uploader.flush('timer')).toBe('done') // ratings sent, no heartbeat due yet
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toMatchObject({ verifiedSeq: 7, firstBadSeq: null })
    kiosk.clock.advance(5 * 60_000)
    collector.clock.advance(5 * 60_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual({ verifiedSeq: 7, firstBadSeq: 8, reason , dead: 0, deadSeqs: [] })
  })
})
