import { describe, expect, it } from 'vitest'
import { listAlerts } from '../../../electron/collector/alerts/outbox'
import { detachOlderThan } from '../../../electron/collector/store/partitions'
import { testCollector } from '../../upload/helpers/collector'
import { testKiosk } from '../../upload/helpers/kiosk'

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
