import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { storedDisputes } from '../../electron/collector/dispute-intake'
import { storedRatings } from '../../electron/collector/status'
import type { Sql } from '../../electron/collector/store/types'
import { migrations } from '../../electron/core/db/migrations'
import { openDatabase } from '../../electron/core/db/open'
import { openDispute, resolveDispute } from '../../electron/core/disputes/dispute-repo'
import { fixedClock } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { testCollector } from './helpers/collector'
import { testKiosk, type Kiosk } from './helpers/kiosk'

/** Opens a dispute on the kiosk's rating `uuid` as its officer would (same repo calls as the staff handler). */
function dispute(kiosk: Kiosk, uuid: string): number {
  const row = z
    .strictObject({ id: z.number().int(), officer_id: z.number().int() })
    .parse(kiosk.db.prepare('SELECT id, officer_id FROM ratings WHERE uuid = ?').get(uuid))
  return kiosk.db
    .transaction(() => openDispute(kiosk.db, row.officer_id, row.id, 'Công dân đánh giá nhầm quầy', 'Cán bộ A', kiosk.clock.now()))
    .immediate()
}

function resolve(kiosk: Kiosk, id: number, outcome: 'upheld' | 'rejected'): void {
  kiosk.db
    .transaction(() => resolveDispute(kiosk.db, id, outcome, 'Đã xem lại camera', { id: null, name: 'Quản trị' }, kiosk.clock.now()))
    .immediate()
}

const ratingRow = (kiosk: Kiosk, uuid: string) => kiosk.db.prepare('SELECT * FROM ratings WHERE uuid = ?').get(uuid)
const collectorRecord = (db: Sql, uuid: string) => db.get('SELECT record, link, canonical FROM ratings WHERE uuid = ?', [uuid])

describe('disputes upload (POST /v1/disputes)', () => {
  it('a dispute and its resolution reach the collector exactly once across a dropped answer; the rating is unchanged', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk({ random: () => 0 })
    const [disputed, ...others] = kiosk.rate(3)
    if (disputed === undefined) throw new Error('no rating')
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const ratingBefore = ratingRow(kiosk, disputed)
    const onCollectorBefore = (await collectorRecord(collector.db, disputed))

    const id = dispute(kiosk, disputed)
    expect(kiosk.uploader.status()).toMatchObject({ pending: 0, disputes: { pending: 1, dead: 0 } })
    // The collector stores the opening, then the connection drops before it answers.
    collector.faults.dropAfterCommit = 1
    await kiosk.uploader.flush('manual')
    expect(kiosk.uploader.status()).toMatchObject({ pending: 0, disputes: { pending: 1 } })
    expect(kiosk.uploader.status().disputes.lastError?.code).toBe('NETWORK')
    resolve(kiosk, id, 'upheld')
    expect(kiosk.uploader.status().disputes.pending).toBe(2)
    expect(await kiosk.uploader.flush('manual')).toBe('done')

    expect((await storedDisputes(collector.db, kiosk.deviceId))).toEqual([
      expect.objectContaining({ state: 'open', ratingUuid: disputed, ratingKnown: true }),
      expect.objectContaining({ state: 'upheld', ratingUuid: disputed, ratingKnown: true }),
    ])
    expect(collector.faults.requests.disputes).toBe(2)
    expect(kiosk.uploader.status()).toMatchObject({ state: 'idle', pending: 0, disputes: { pending: 0, dead: 0 } })
    // The rating: the same row on the kiosk, the same record on the collector, the chain still whole.
    expect(ratingRow(kiosk, disputed)).toEqual(ratingBefore)
    expect((await collectorRecord(collector.db, disputed))).toEqual(onCollectorBefore)
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual([disputed, ...others])
    expect(kiosk.uploader.status().chain).toMatchObject({ verifiedSeq: 3, firstBadSeq: null })

    // A resend of everything (a crash before "mark sent") is deduplicated by (device, uuid, state).
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE kind = 'dispute'").run()
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await storedDisputes(collector.db, kiosk.deviceId))).toHaveLength(2)
    expect(kiosk.uploader.status().disputes.pending).toBe(0)
  })

  it('a collector failing disputes never holds ratings back, and they go once it recovers', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk({ random: () => 0.5 })
    const [first] = kiosk.rate(1)
    if (first === undefined) throw new Error('no rating')
    kiosk.connect(collector)
    dispute(kiosk, first)
    collector.faults.forced.push({ route: 'disputes', status: 503, retryAfter: '120', times: 100 })
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const later = kiosk.rate(2)
    kiosk.clock.advance(60_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId))).toHaveLength(3)
    expect(later.every((u) => kiosk.uuidsInState('sent').includes(u))).toBe(true)
    // The ratings look healthy; the dispute waits for the collector's Retry-After, visibly.
    const status = kiosk.uploader.status()
    expect(status).toMatchObject({ state: 'idle', pending: 0, disputes: { pending: 1 } })
    expect(status.disputes.lastError?.code).toBe('FORCED_503')
    expect(collector.faults.requests.disputes).toBe(1)

    collector.faults.forced.length = 0
    kiosk.clock.advance(61_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedDisputes(collector.db, kiosk.deviceId))).toHaveLength(1)
    expect(kiosk.uploader.status().disputes).toMatchObject({ pending: 0, nextAttemptAt: null })
  })

  it('422 naming a dispute dead-letters it once; a changed record is refused as a conflict', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const [a, b, c] = kiosk.rate(3)
    if (a === undefined || b === undefined || c === undefined) throw new Error('no rating')
    kiosk.connect(collector)
    dispute(kiosk, a)
    const uuidA = z.uuid().parse(kiosk.db.prepare('SELECT uuid FROM disputes').pluck().get())
    collector.faults.rejectUuids.add(uuidA)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uploader.status().disputes).toMatchObject({ pending: 0, dead: 1 })
    expect(collector.faults.requests.disputes).toBe(1)

    collector.faults.rejectUuids.clear()
    dispute(kiosk, b)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    // The same dispute state again with another note: the device's copy was edited; refused, kept as evidence.
    kiosk.db.exec('DROP TRIGGER dispute_events_no_update')
    kiosk.db.prepare("UPDATE dispute_events SET note = 'sửa lại' WHERE id = (SELECT max(id) FROM dispute_events)").run()
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE kind = 'dispute' AND state = 'sent'").run()
    dispute(kiosk, c) // in the same batch, so the batch is new (a reused Idempotency-Key would be refused whole)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uploader.status().disputes).toMatchObject({ pending: 0, dead: 2 })
    expect((await storedDisputes(collector.db, kiosk.deviceId)).map((d) => d.ratingUuid)).toEqual([b, c])
  })

  it('the outbox rebuild keeps rows and ids, and queues disputes made before it', () => {
    const rebuild = migrations.findIndex((m) => m.includes("kind IN ('rating', 'dispute')"))
    expect(rebuild).toBeGreaterThan(0)
    const file = path.join(tempDir(), 'kiosk.db')
    const before = new Database(file)
    before.pragma('foreign_keys = ON')
    for (const sql of migrations.slice(0, rebuild)) before.exec(sql)
    before.pragma(`user_version = ${rebuild}`)
    before.exec(`
      INSERT INTO counters (id, number, name_vi, name_en) VALUES (1, 1, 'Quầy 1', 'Counter 1');
      INSERT INTO officers (id, full_name, title_vi, title_en) VALUES (1, 'Nguyễn Văn Bình', 'Chuyên viên', 'Officer');
      INSERT INTO ratings (id, uuid, seq, counter_id, officer_id, officer_name, counter_number, level, level_key,
                           level_label, scale, language, mode, created_at, link)
        VALUES (5, '00000000-0000-4000-8000-000000000005', 1, 1, 1, 'Nguyễn Văn Bình', 1, 1, 'not_satisfied',
                'Không hài lòng', 3, 'vi', 'lobby', 1000, 'ab');
      INSERT INTO outbox (id, kind, ref_id, state, attempts, last_error) VALUES (42, 'rating', 5, 'dead', 3, 'x');
      INSERT INTO disputes (id, uuid, rating_id, officer_id, note, created_at, status, resolution_note, resolved_at)
        VALUES (1, '00000000-0000-4000-8000-0000000000d1', 5, 1, 'Nhầm', 2000, 'rejected', 'Không đủ căn cứ', 3000);
    `)
    before.close()
    const { db } = openDatabase(file, fixedClock())
    try {
      expect(db.prepare('SELECT id, kind, ref_id, state, attempts, last_error FROM outbox ORDER BY id').all()).toEqual([
        { id: 42, kind: 'rating', ref_id: 5, state: 'dead', attempts: 3, last_error: 'x' },
        { id: 43, kind: 'dispute', ref_id: 1, state: 'pending', attempts: 0, last_error: null },
        { id: 44, kind: 'dispute', ref_id: 2, state: 'pending', attempts: 0, last_error: null },
      ])
      expect(db.prepare('SELECT state, note, actor, at FROM dispute_events ORDER BY id').all()).toEqual([
        { state: 'open', note: 'Nhầm', actor: 'Nguyễn Văn Bình', at: 2000 },
        { state: 'rejected', note: 'Không đủ căn cứ', actor: '', at: 3000 },
      ])
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'").pluck().all()
      expect(indexes).toContain('outbox_pending')
      expect(() => db.prepare("INSERT INTO outbox (kind, ref_id, state) VALUES ('other', 1, 'pending')").run()).toThrow(/CHECK/)
      expect(() => db.prepare('DELETE FROM dispute_events').run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
  })
})
