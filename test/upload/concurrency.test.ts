import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { testCollector } from './helpers/collector'
import { leaseMsFor, readUploadConfig, type RoundResult } from '../../electron/core/upload/uploader'
import { testKiosk, type Kiosk } from './helpers/kiosk'

describe('single flight', () => {
  it('a timer round and "sync now" at once: one round, no rating posted twice', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const uuids = kiosk.rate(700, { stepMs: 0 })
    kiosk.connect(collector)
    const [timer, manual] = await Promise.all([kiosk.uploader.flush('timer'), kiosk.uploader.flush('manual')])
    expect([timer, manual]).toEqual(['done', 'done'])
    expect(collector.faults.requests.batches).toBe(2)
    expect([...collector.faults.posted.values()].every((n) => n === 1)).toBe(true)
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('two kiosk processes on one database: the lease lets one upload, the other skips', async () => {
    const collector = await testCollector()
    const first = testKiosk()
    const uuids = first.rate(700, { stepMs: 0 })
    first.connect(collector)
    const second = testKiosk({ dir: first.dir, clock: first.clock }) // its own connection and uploader
    const results = await Promise.all([first.uploader.flush('manual'), second.uploader.flush('manual')])
    expect(results.sort()).toEqual(['busy', 'done'])
    expect([...collector.faults.posted.values()].every((n) => n === 1)).toBe(true)
    expect((await storedRatings(collector.db, first.deviceId)).map((r) => r.uuid)).toEqual(uuids)
    // The lease is released after the round: the other process takes the next one.
    second.rate(1)
    const winner = results[0] === 'done' ? second : first
    expect(await winner.uploader.flush('manual')).toBe('done')
  })

  it('the lease expires mid-round (the process stalled): a second process takes over, the first stops, no rating POSTed twice', async () => {
    const collector = await testCollector()
    let second: Kiosk | null = null
    let takenOver: Promise<RoundResult> | null = null
    const first = testKiosk({
      onStatus: (status) => {
        // Between two batches of the first process's round: it stalls past its lease; the other process starts.
        if (takenOver !== null || second === null || status.state !== 'syncing' || status.pending !== 700 - 500) return
        first.clock.advance(leaseMsFor(readUploadConfig(first.db)) + 1000)
        takenOver = second.uploader.flush('manual')
      },
    })
    const uuids = first.rate(700, { stepMs: 0 })
    first.connect(collector)
    second = testKiosk({ dir: first.dir, clock: first.clock })
    expect(await first.uploader.flush('manual')).toBe('busy') // it noticed before its next request, and stopped
    expect(await takenOver).toBe('done')
    expect([...collector.faults.posted.values()].every((n) => n === 1)).toBe(true)
    expect((await storedRatings(collector.db, first.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })
})
