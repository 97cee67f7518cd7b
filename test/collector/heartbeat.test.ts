import { describe, expect, it } from 'vitest'
import { MAX_HEAD_STEPS } from '../../electron/collector/chain-check'
import { getDevice } from '../../electron/collector/devices'
import { deviceStatus } from '../../electron/collector/status'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

describe('heartbeats at the collector', () => {
  it('an older heartbeat replayed inside the signature window is ignored: no false "head" finding', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(3)
    kiosk.connect(collector)
    collector.faults.recorded = []
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const old = collector.faults.recorded.find((r) => r.route === 'heartbeat')
    if (old === undefined) throw new Error('no heartbeat recorded')

    kiosk.rate(2)
    kiosk.clock.advance(10_000)
    collector.clock.advance(10_000)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await getDevice(collector.db, kiosk.deviceId))).toMatchObject({ hb_seq: 5, key_cache_seq: 5 })

    // Someone on the network sends the first heartbeat (head 3) again, 10 s later: its signature is still good.
    const replay = await fetch(new URL(old.url, collector.url), { method: 'POST', headers: old.headers, body: old.body })
    expect(replay.status).toBe(200)
    expect((await deviceStatus(collector.db, kiosk.deviceId))).toMatchObject({
      chain: { verifiedSeq: 5, firstBadSeq: null, reason: null },
      lastHeartbeat: { seq: 5 },
    })
    expect(await collector.db.value('SELECT count(*) FROM heartbeats')).toBe(2)
  })

  it(`a head more than ${MAX_HEAD_STEPS} beyond any key the collector holds is refused without the work`, async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    kiosk.db.prepare('UPDATE chain_head SET seq = ?').run(MAX_HEAD_STEPS + 50)
    kiosk.clock.advance(1000)
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'rejected', lastError: { code: 'HEAD_TOO_FAR' } })
    expect((await deviceStatus(collector.db, kiosk.deviceId))).toMatchObject({
      chain: { firstBadSeq: null },
      lastHeartbeat: { seq: 0 },
    })
  })
})
