import { describe, expect, it } from 'vitest'
import { listAlerts } from '../../../electron/collector/alerts/outbox'
import { detachOlderThan } from '../../../electron/collector/store/partitions'
import { testCollector } from '../../upload/helpers/collector'
import { testKiosk } from '../../upload/helpers/kiosk'
import { BatchAckSchema } from '../../../shared/schemas/upload'
import type { RatingRecord } from '../../../shared/schemas/rating'
import { enrolledDevice, send } from '../helpers/sim-device'

const DAY = 86_400_000

describe('PostgreSQL: retention and exactly-once', () => {
  it('a rating re-sent after its month was detached is not stored again (nor alerted again): the device had it', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const uuids = kiosk.rate(5) // the fifth is negative: one alert
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const alertsBefore = (await listAlerts(collector.db, null)).length
    expect(alertsBefore).toBe(1)
    // IT archives November 2026 (keeping one month back from January 2027).
    expect(await detachOlderThan(collector.db, Date.UTC(2027, 0, 10), 1, false)).toContain('ratings_y2026m11')
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(0)

    // 40 days on (the batch's Idempotency-Key is forgotten), the kiosk sends the same ratings again (a restored backup).
    kiosk.clock.advance(40 * DAY)
    collector.clock.advance(40 * DAY)
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE kind = 'rating'").run()
    collector.faults.recorded = []
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(collector.faults.recorded.filter((r) => r.route === 'batches')).toHaveLength(1)
    // Counted once, in the archive: the live table (and every report on it) does not get them a second time.
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(0)
    expect(await collector.db.value('SELECT count(*) FROM ratings_y2026m11')).toBe(uuids.length)
    expect((await listAlerts(collector.db, null)).length).toBe(alertsBefore)
  })
})

describe('PostgreSQL: a rating re-sent after its month was archived, with other content', () => {
  it('is compared with its fingerprint: changed or another uuid is a recorded conflict, never a duplicate', async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
    const ratings = device.rate(5, collector.clock.now() - 3600_000, 1000)
    const [r1, r2, r3, r4] = ratings
    if (r1 === undefined || r2 === undefined || r3 === undefined || r4 === undefined) throw new Error('no ratings')
    expect((await send(collector.url, device.batch(ratings, collector.clock.now()))).status).toBe(200)
    expect(await detachOlderThan(collector.db, Date.UTC(2027, 0, 10), 1, false)).toContain('ratings_y2026m11')
    expect(await collector.db.value('SELECT count(*) FROM archived_ratings')).toBe(5)
    // As if seq 4's month had been archived before fingerprints were kept.
    await collector.db.run('DELETE FROM archived_ratings WHERE seq = 4')
    collector.clock.advance(40 * DAY)
    const results = async (records: RatingRecord[]) => {
      const res = await send(collector.url, device.batch(records, collector.clock.now()))
      expect(res.status).toBe(200)
      return BatchAckSchema.parse(res.body)
    }

    // Identical: a duplicate. Nothing to compare seq 4 with: refused and recorded, but no evidence of tampering.
    expect((await results([r1, r4])).results.map((r) => [r.uuid, r.status])).toEqual([
      [r1.uuid, 'duplicate'],
      [r4.uuid, 'conflict'],
    ])
    expect(await collector.db.value('SELECT bad_seq FROM devices')).toBe(null)

    const changed = { ...r2, officerName: 'Cán bộ khác', officerId: 99 }
    const impostor = { ...r3, uuid: crypto.randomUUID() }
    const ack = await results([changed, impostor])
    expect(ack.results.map((r) => [r.uuid, r.status])).toEqual([
      [r2.uuid, 'conflict'],
      [impostor.uuid, 'conflict'],
    ])
    expect(ack.chain).toMatchObject({ firstBadSeq: 2, reason: 'changed' })
    expect(await collector.db.all('SELECT uuid, seq, reason FROM conflicts ORDER BY seq')).toEqual([
      { uuid: r2.uuid, seq: 2, reason: 'changed' },
      { uuid: impostor.uuid, seq: 3, reason: 'seq-conflict' },
      { uuid: r4.uuid, seq: 4, reason: 'unverifiable' },
    ])
    // None of them stored again: the live table still holds nothing of November.
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(0)
    expect((await listAlerts(collector.db, null)).filter((a) => a.kind === 'tamper')).toHaveLength(1)
  })
})

describe('PostgreSQL: one batch mixing new ratings with archived ones', () => {
  it('each rating gets its own verdict: new stored and verified, identical archived a duplicate, changed ones conflicts', async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
    const [r1, r2, r3] = device.rate(5, collector.clock.now() - 3600_000, 1000)
    if (r1 === undefined || r2 === undefined || r3 === undefined) throw new Error('no ratings')
    expect((await send(collector.url, device.batch(device.records, collector.clock.now()))).status).toBe(200)
    expect(await detachOlderThan(collector.db, Date.UTC(2027, 0, 10), 1, false)).toContain('ratings_y2026m11')
    collector.clock.advance(40 * DAY)
    const [r6, r7] = device.rate(2, collector.clock.now() - 60_000, 1000)
    if (r6 === undefined || r7 === undefined) throw new Error('no ratings')
    const changed = { ...r2, comment: 'Sửa sau khi lưu trữ' }
    const impostor = { ...r3, uuid: crypto.randomUUID() }
    // Out of order on purpose: the newest first, the archived ones between the new ones.
    const mixed = [r7, r1, changed, r6, impostor]
    const res = await send(collector.url, device.batch(mixed, collector.clock.now()))
    expect(res.status).toBe(200)
    const ack = BatchAckSchema.parse(res.body)
    expect(ack.results.map((r) => [r.uuid, r.status])).toEqual([
      [r7.uuid, 'stored'],
      [r1.uuid, 'duplicate'],
      [r2.uuid, 'conflict'],
      [r6.uuid, 'stored'],
      [impostor.uuid, 'conflict'],
    ])
    // The new ones continue the chain past the archived month: verified, the cursor at their end.
    expect(await collector.db.all('SELECT seq, chain_ok FROM ratings ORDER BY seq')).toEqual([
      { seq: 6, chain_ok: 1 },
      { seq: 7, chain_ok: 1 },
    ])
    // verifiedSeq stays below the finding (PROTOCOL.md); the walk's cursor went on to the batch's end.
    expect(ack.chain).toMatchObject({ verifiedSeq: 1, firstBadSeq: 2, reason: 'changed' })
    expect(await collector.db.value('SELECT cursor_seq FROM devices')).toBe(7)
    expect(await collector.db.all('SELECT uuid, seq, reason FROM conflicts ORDER BY seq')).toEqual([
      { uuid: r2.uuid, seq: 2, reason: 'changed' },
      { uuid: impostor.uuid, seq: 3, reason: 'seq-conflict' },
    ])
    expect(await collector.db.value('SELECT count(*) FROM ratings_y2026m11')).toBe(5)

    // The kiosk re-sends the same ratings once the key is forgotten: nothing is stored twice.
    collector.clock.advance(40 * DAY)
    const again = await send(collector.url, device.batch([r1, r6, r7], collector.clock.now()))
    expect(BatchAckSchema.parse(again.body).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate'])
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(2)
  })
})

describe('PostgreSQL: a gap whose later side was archived', () => {
  it("closes when the kiosk re-sends the archived rating: its fingerprint matches, so its link is walked like a live one", async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
    const [r1, r2, r3, r4, r5] = device.rate(5, collector.clock.now() - 3600_000, 1000)
    if (r1 === undefined || r2 === undefined || r3 === undefined || r4 === undefined || r5 === undefined) throw new Error('no ratings')
    // Seq 4 is held back on the kiosk (a conflict it sorts out later); 5 is stored after the gap, unverified.
    const first = await send(collector.url, device.batch([r1, r2, r3, r5], collector.clock.now()))
    expect(BatchAckSchema.parse(first.body).chain).toMatchObject({ verifiedSeq: 3, firstBadSeq: 4, reason: 'gap' })
    expect(await detachOlderThan(collector.db, Date.UTC(2027, 0, 10), 1, false)).toContain('ratings_y2026m11')
    collector.clock.advance(40 * DAY)
    const [r6] = device.rate(1, collector.clock.now() - 60_000, 1000)
    if (r6 === undefined) throw new Error('no ratings')
    const late = BatchAckSchema.parse((await send(collector.url, device.batch([r4, r6], collector.clock.now()))).body)
    expect(late.results.map((r) => r.status)).toEqual(['stored', 'stored'])
    // 5 is archived: the collector asks for it again, as for any gap.
    expect(late.chain).toMatchObject({ verifiedSeq: 4, firstBadSeq: 5, reason: 'gap' })

    // The kiosk re-sends 5. It is a duplicate (stored once, in the archive), and now the chain goes on through it.
    const resent = BatchAckSchema.parse((await send(collector.url, device.batch([r5], collector.clock.now()))).body)
    expect(resent.results.map((r) => r.status)).toEqual(['duplicate'])
    expect(resent.chain).toMatchObject({ verifiedSeq: 6, firstBadSeq: null })
    expect(await collector.db.all('SELECT seq, chain_ok FROM ratings ORDER BY seq')).toEqual([
      { seq: 4, chain_ok: 1 },
      { seq: 6, chain_ok: 1 },
    ])
    expect(await collector.db.value('SELECT count(*) FROM ratings_y2026m11')).toBe(4)
  })

  it('a re-sent archived rating whose content was changed does not close the gap', async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
    const [r1, r2, r3, r4, r5] = device.rate(5, collector.clock.now() - 3600_000, 1000)
    if (r1 === undefined || r2 === undefined || r3 === undefined || r4 === undefined || r5 === undefined) throw new Error('no ratings')
    expect((await send(collector.url, device.batch([r1, r2, r3, r5], collector.clock.now()))).status).toBe(200)
    expect(await detachOlderThan(collector.db, Date.UTC(2027, 0, 10), 1, false)).toContain('ratings_y2026m11')
    collector.clock.advance(40 * DAY)
    expect((await send(collector.url, device.batch([r4], collector.clock.now()))).status).toBe(200)
    const changed = BatchAckSchema.parse((await send(collector.url, device.batch([{ ...r5, comment: 'Nội dung khác' }], collector.clock.now()))).body)
    expect(changed.results.map((r) => r.status)).toEqual(['conflict'])
    expect(await collector.db.value('SELECT cursor_seq FROM devices')).toBe(4)
    expect(changed.chain).toMatchObject({ verifiedSeq: 4, firstBadSeq: 5, reason: 'changed' })
  })
})
