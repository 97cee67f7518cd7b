import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { readUploadState } from '../../electron/core/upload/state-repo'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

const DAY = 86_400_000

describe('clock skew and replay', () => {
  it.each([
    ['+3 days', 3 * DAY],
    ['−1 year', -365 * DAY],
  ])('device clock %s: uploads are accepted thanks to the offset from the Date header', async (_label, skew) => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const uuids = kiosk.rate(5)
    kiosk.clock.advance(skew) // the wall clock jumps (a dead CMOS battery, a bad NTP answer)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
    const offset = readUploadState(kiosk.db).clockOffsetMs
    expect(Math.abs(offset + skew + 5000)).toBeLessThan(2000) // the kiosk's clock also moved 5 s while rating
    // Once learnt, the offset signs right the first time: a heartbeat is one request, with no refusal before it.
    const before = collector.faults.requests.heartbeat
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(collector.faults.requests.heartbeat).toBe(before + 1)
  })

  it('a signed request replayed inside the window changes nothing; outside it, it is refused', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(3)
    kiosk.connect(collector)
    collector.faults.recorded = []
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const batch = collector.faults.recorded.find((r) => r.route === 'batches')
    if (batch === undefined) throw new Error('no batch recorded')
    const replay = (body = batch.body) =>
      fetch(new URL(batch.url, collector.url), { method: 'POST', headers: batch.headers, body })

    const inside = await replay()
    expect(inside.status).toBe(200)
    expect(inside.headers.get('idempotent-replayed')).toBe('true')
    expect((await storedRatings(collector.db, kiosk.deviceId))).toHaveLength(3)

    const forged = await replay(batch.body.replace('"level":3', '"level":1'))
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } })

    collector.clock.advance(301_000)
    const outside = await replay()
    expect(outside.status).toBe(401)
    expect(await outside.json()).toMatchObject({ error: { code: 'TIMESTAMP_SKEW' } })
  })
})
