import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

describe('"test connection" (POST /v1/ping) against the reference collector', () => {
  it('reports not configured, not enrolled, reachable, clock skew, another answer and unreachable; sends no rating', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    expect(await kiosk.uploader.testConnection()).toMatchObject({ outcome: 'not-configured' })

    kiosk.connect(collector)
    expect(await kiosk.uploader.testConnection()).toMatchObject({
      outcome: 'credentials',
      code: 'UNKNOWN_DEVICE',
      message: 'this device is not enrolled',
    })
    expect(await kiosk.uploader.flush('manual')).toBe('done') // enrolls
    kiosk.rate(2)
    const batchesBefore = collector.faults.requests.batches
    expect(await kiosk.uploader.testConnection()).toMatchObject({ outcome: 'reachable', code: null })
    expect(collector.faults.requests.ping).toBe(2)
    expect(collector.faults.requests.batches).toBe(batchesBefore)
    expect((await storedRatings(collector.db, kiosk.deviceId))).toEqual([])
    expect(kiosk.uploader.status().pending).toBe(2)

    // The kiosk's clock three days ahead: the collector refuses the first signature, the kiosk corrects and says so.
    kiosk.clock.advance(3 * 86_400_000)
    const skewed = await kiosk.uploader.testConnection()
    expect(skewed.outcome).toBe('clock-skew')
    expect(Math.round((skewed.clockOffsetMs ?? 0) / 3_600_000)).toBe(-72)
    kiosk.clock.advance(-3 * 86_400_000)

    collector.faults.forced.push({ route: 'ping', status: 404, body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } }) })
    expect(await kiosk.uploader.testConnection()).toMatchObject({ outcome: 'error', code: 'NOT_FOUND', message: 'no such endpoint' })

    await collector.close()
    expect(await kiosk.uploader.testConnection()).toMatchObject({ outcome: 'unreachable', code: 'NETWORK', clockOffsetMs: null })
    expect(kiosk.uploader.status().pending).toBe(2)
  })

  it('sync:test is IT\'s only, and audited', async () => {
    const core = testCore({ pinCost: cheapCost })
    expect(await core.invoke('sync:test', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await loginAdmin(core)
    expect(await core.invoke('sync:test', {}, TEST_CLIENT)).toMatchObject({ ok: true, value: { outcome: 'not-configured' } })
    const audit = await core.invoke('audit:list', { limit: 10, before: null, from: null, to: null, action: null }, TEST_CLIENT)
    expect(JSON.stringify(audit)).toContain('sync.test')
  })
})
