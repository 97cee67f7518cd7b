import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { BACKOFF_CAP_MS } from '../../electron/core/upload/backoff'
import { deadLetters, requeueDead } from '../../electron/core/upload/outbox-repo'
import { readUploadState } from '../../electron/core/upload/state-repo'
import { testCollector } from './helpers/collector'
import { connectedKiosk } from './helpers/connected'
import { testKiosk } from './helpers/kiosk'

/** A connected kiosk that has enrolled and uploaded once, with `count` new ratings waiting. */
describe('retry policy', () => {
  it.each([
    ['delta-seconds', (_collectorNow: number) => '120', 120_000],
    ['an HTTP-date', (collectorNow: number) => new Date(collectorNow + 90_000).toUTCString(), 90_000],
  ])('429 with Retry-After as %s: the next attempt is not earlier, and not much later', async (_form, header, waitMs) => {
    const { collector, kiosk, uuids } = await connectedKiosk(3)
    const retryAt = collector.clock.now() + waitMs
    collector.faults.forced.push({ route: 'batches', status: 429, retryAfter: header(collector.clock.now()) })
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    const due = kiosk.uploader.nextRunAt()
    expect(due - kiosk.clock.now()).toBeGreaterThanOrEqual(waitMs)
    expect(due - kiosk.clock.now()).toBeLessThanOrEqual(waitMs + 1500)

    // Neither the timer nor "sync now" goes before then; the collector sees nothing.
    const requests = collector.faults.requests.batches
    kiosk.clock.advance(due - kiosk.clock.now() - 1000)
    collector.clock.advance(due - collector.clock.now() - 1000)
    expect(await kiosk.uploader.flush('timer')).toBe('waiting')
    expect(await kiosk.uploader.flush('manual')).toBe('waiting')
    expect(collector.faults.requests.batches).toBe(requests)

    kiosk.clock.advance(1000)
    collector.clock.advance(1000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect(collector.clock.now()).toBeGreaterThanOrEqual(retryAt)
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid).slice(-3)).toEqual(uuids)
  })

  it.each([400, 422])('%d naming a rating: dead-lettered once with the reason, the others delivered', async (status) => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    const bad = uuids[3] ?? ''
    collector.faults.forced.push({
      route: 'batches',
      status,
      body: JSON.stringify({ error: { code: 'INVALID_ITEMS', message: 'no' }, items: [{ uuid: bad, reason: 'officer unknown here' }] }),
    })
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    for (let i = 0; i < 3; i++) {
      kiosk.clock.advance(3600_000)
      await kiosk.uploader.flush('timer')
    }
    expect(kiosk.uuidsInState('dead')).toEqual([bad])
    expect(deadLetters(kiosk.db, 10)).toMatchObject([{ uuid: bad, reason: 'INVALID_ITEMS: officer unknown here' }])
    expect(collector.faults.posted.get(bad)).toBeUndefined() // the forced answer came before anything was read
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids.filter((u) => u !== bad))
    // The heartbeat carried the dead rating's link, so the collector's chain check went on past it.
    expect(kiosk.uploader.status()).toMatchObject({ dead: 1, pending: 0, chain: { verifiedSeq: 10, firstBadSeq: null } })
    // … and it reached the collector whole, as dead-lettered evidence, visible in the chain view.
    expect(kiosk.uploader.status().chain).toMatchObject({ dead: 1, deadSeqs: [4] })
  })

  it('the reference collector names invalid ratings itself (422), and they are dead-lettered once', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(6)
    const bad = uuids[0] ?? ''
    collector.faults.rejectUuids.add(bad)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    kiosk.clock.advance(3600_000)
    await kiosk.uploader.flush('timer')
    expect(collector.faults.posted.get(bad)).toBe(1)
    expect(kiosk.uuidsInState('dead')).toEqual([bad])
    expect((await storedRatings(collector.db, kiosk.deviceId))).toHaveLength(5)
  })

  it.each([400, 422])('%d that names no rating: nothing is dead-lettered; a visible "rejected" alert with backoff', async (status) => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    // A systemic refusal (a proxy, a collector bug): it says nothing about any one rating.
    const body = JSON.stringify({ error: { code: 'SCHEMA_V2', message: 'collector expects protocol v2' } })
    collector.faults.forced.push({ route: 'batches', status, body, times: 3 })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uuidsInState('dead')).toEqual([])
    expect(kiosk.uuidsInState('pending')).toEqual(uuids)
    expect(kiosk.uploader.status()).toMatchObject({
      state: 'rejected',
      dead: 0,
      pending: 10,
      lastError: { code: 'SCHEMA_V2', message: 'collector expects protocol v2' },
    })
    expect(collector.faults.requests.batches).toBe(1) // one refused request: no halving, no loop
    // Backoff, not a loop: the timer waits; after the wait it tries again (still refused), then IT fixes it.
    expect(await kiosk.uploader.flush('timer')).toBe('waiting')
    kiosk.clock.advance(BACKOFF_CAP_MS)
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    kiosk.clock.advance(BACKOFF_CAP_MS)
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(kiosk.uploader.status().state).toBe('rejected')
    kiosk.clock.advance(BACKOFF_CAP_MS)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'idle', dead: 0, pending: 0 })
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('IT requeues a dead letter: it is sent again and delivered', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(4)
    const bad = uuids[1] ?? ''
    collector.faults.rejectUuids.add(bad)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uuidsInState('dead')).toEqual([bad])
    collector.faults.rejectUuids.clear() // the collector was fixed
    expect(requeueDead(kiosk.db, [crypto.randomUUID()])).toBe(0)
    expect(requeueDead(kiosk.db, [bad])).toBe(1)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uuidsInState('dead')).toEqual([])
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid).sort()).toEqual([...uuids].sort())
    expect(kiosk.uploader.status().chain).toMatchObject({ firstBadSeq: null, dead: 0 })
  })

  it.each([401, 403])('%d: credentials rejected, no hammering until the cap or IT acts', async (status) => {
    const { collector, kiosk } = await connectedKiosk(2)
    collector.faults.forced.push({ route: 'batches', status, times: 100 })
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'credentials', pending: 2 })
    for (let i = 0; i < 29; i++) {
      kiosk.clock.advance(10_000)
      expect(await kiosk.uploader.flush('timer')).toBe('waiting')
    }
    expect(collector.faults.requests.batches).toBe(1) // the refused one, nothing since
    collector.faults.forced.length = 0
    kiosk.clock.advance(10_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
  })

  it('an unknown device and a bad enrollment token put the kiosk in the credentials state', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(1)
    kiosk.connect(collector, { enrollmentToken: null })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'credentials', lastError: { code: 'UNKNOWN_DEVICE' } })
    kiosk.connect(collector, { enrollmentToken: 'not-a-token-from-this-collector' })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'credentials', lastError: { code: 'BAD_TOKEN' } })
    expect((await storedRatings(collector.db, kiosk.deviceId))).toEqual([])
  })

  it('a collector that hangs past the timeout: the attempt fails, the resend is deduplicated', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(4)
    kiosk.connect(collector, { timeoutSeconds: 1, enrollmentToken: null })
    // Held until the kiosk has given up — however slow this machine is, the answer cannot come in time.
    let release = () => {}
    collector.faults.holdUntil = new Promise<void>((resolve) => (release = resolve))
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(readUploadState(kiosk.db).lastError).toMatchObject({ code: 'TIMEOUT' })
    collector.faults.holdUntil = null
    release() // the collector now commits the batch the kiosk gave up on
    kiosk.clock.advance(60_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid).slice(-4)).toEqual(uuids)
    expect(kiosk.uuidsInState('pending')).toEqual([])
  })
})
