import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { MAX_BATCH_BYTES, MAX_BATCH_RATINGS } from '../../shared/schemas/upload'
import { bulkRatings } from './helpers/bulk'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

describe('a week offline', () => {
  it('≈ 42 000 ratings over 7 days, then the collector comes back: all delivered in bounded batches', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done') // enrolled (its token would expire within the week)
    collector.faults.forced.push({ status: 503, times: 1_000_000 })
    const week = 7 * 86_400_000
    const uuids = bulkRatings(kiosk.db, kiosk.secret, kiosk.deviceId, 42_000, kiosk.clock.now(), Math.floor(week / 42_000))
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    kiosk.clock.advance(week)
    collector.clock.advance(week)

    collector.faults.forced.length = 0
    collector.faults.recorded = []
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const batches = collector.faults.recorded.filter((r) => r.route === 'batches')
    expect(batches).toHaveLength(Math.ceil(42_000 / MAX_BATCH_RATINGS))
    for (const b of batches) {
      expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(MAX_BATCH_BYTES)
      expect((JSON.parse(b.body) as { ratings: unknown[] }).ratings.length).toBeLessThanOrEqual(MAX_BATCH_RATINGS)
    }
    const stored = (await storedRatings(collector.db, kiosk.deviceId))
    expect(stored.map((r) => r.uuid)).toEqual(uuids)
    expect(stored.every((r) => r.chainOk === true)).toBe(true)
    expect(kiosk.uploader.status()).toMatchObject({
      state: 'idle',
      pending: 0,
      chain: { verifiedSeq: 42_000, firstBadSeq: null },
    })
  }, 90_000) // ~10 s alone; the whole suite shares two cores on CI
})
