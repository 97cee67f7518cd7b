import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { hasGenesisKey } from '../../electron/core/ratings/chain-repo'
import { backoffCeiling } from '../../electron/core/upload/backoff'
import { readUploadState } from '../../electron/core/upload/state-repo'
import { testCollector } from './helpers/collector'
import { connectedKiosk } from './helpers/connected'
import { testKiosk } from './helpers/kiosk'

const DAY = 86_400_000

/** A connected kiosk that has enrolled and uploaded once, with `count` new ratings waiting. */
describe('waits', () => {
  it.each([
    ['Retry-After: 0', (_now: number) => '0'],
    ['a Retry-After date in the past', (now: number) => new Date(now - 60_000).toUTCString()],
  ])('%s still waits the backoff delay, never "at once"', async (_name, header) => {
    const { collector, kiosk } = await connectedKiosk(2)
    collector.faults.forced.push({ route: 'batches', status: 503, retryAfter: header(collector.clock.now()), times: 10 })
    const before = collector.faults.requests.batches
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(kiosk.uploader.nextRunAt() - kiosk.clock.now()).toBeGreaterThanOrEqual(backoffCeiling(1) / 2)
    expect(await kiosk.uploader.flush('timer')).toBe('waiting')
    expect(collector.faults.requests.batches).toBe(before + 1)
  })

  it('a device clock set back a day after a failure does not stall uploads (backoff)', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(3)
    collector.faults.forced.push({ route: 'batches', status: 500 })
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    kiosk.clock.advance(-DAY) // the stored wait is now a day and a second away: longer than any backoff
    expect(kiosk.uploader.nextRunAt()).toBeLessThanOrEqual(kiosk.clock.now())
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid).slice(-3)).toEqual(uuids)
  })

  it('a device clock set back a day after a Retry-After does not stall uploads, even "sync now"', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(3)
    collector.faults.forced.push({ route: 'batches', status: 429, retryAfter: '120' })
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(await kiosk.uploader.flush('manual')).toBe('waiting')
    kiosk.clock.advance(-DAY)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid).slice(-3)).toEqual(uuids)
  })
})

describe('answers the kiosk does not take at face value', () => {
  it('413: the batch is halved until it fits; nothing is dropped', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    collector.faults.forced.push({ route: 'batches', status: 413 })
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(collector.faults.requests.batches).toBe(3) // 10 refused, then 5, then the other 5
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
    expect(kiosk.uuidsInState('dead')).toEqual([])
  })

  it('413 for a single rating: a visible "rejected" alert, the rating kept', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(1)
    collector.faults.forced.push({ route: 'batches', status: 413, times: 10 })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'rejected', pending: 1, dead: 0 })
    expect(kiosk.uuidsInState('pending')).toEqual(uuids)
  })

  it('an acknowledgement for another batch marks nothing sent', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(2)
    const forged = {
      batchId: crypto.randomUUID(),
      results: uuids.map((uuid) => ({ uuid, status: 'stored' })),
      chain: { verifiedSeq: 2, firstBadSeq: null, reason: null, dead: 0, deadSeqs: [] },
    }
    collector.faults.forced.push({ route: 'batches', status: 200, body: JSON.stringify(forged) })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ pending: 2, lastError: { code: 'BAD_ANSWER' } })
    expect(kiosk.uuidsInState('sent')).toEqual([])
    kiosk.clock.advance(60_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('an enrollment answer for another device is not an enrollment: the genesis key stays until a real one', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(1)
    kiosk.connect(collector)
    const body = JSON.stringify({ deviceId: crypto.randomUUID(), enrolledAt: collector.clock.now() })
    collector.faults.forced.push({ route: 'enroll', status: 200, body })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uploader.status().lastError).toMatchObject({ code: 'BAD_ANSWER' })
    expect(readUploadState(kiosk.db).enrolledAt).toBe(null)
    expect(hasGenesisKey(kiosk.db)).toBe(true)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(hasGenesisKey(kiosk.db)).toBe(false)
  })
})
