import { describe, expect, it } from 'vitest'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import { backoffCeiling } from '../../electron/core/upload/backoff'
import { readUploadState } from '../../electron/core/upload/state-repo'
import { spawnKioskChild } from './helpers/child'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

describe('upload to the reference collector', () => {
  it('enrolls, sends every rating once, oldest first, and reports a verified chain', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const uuids = kiosk.rate(12)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
    expect(kiosk.uuidsInState('pending')).toEqual([])
    const status = kiosk.uploader.status()
    expect(status).toMatchObject({ state: 'idle', pending: 0, dead: 0, headSeq: 12, lastError: null })
    expect(status.chain).toEqual({ verifiedSeq: 12, firstBadSeq: null, reason: null , dead: 0, deadSeqs: [] })
    expect((await deviceStatus(collector.db, kiosk.deviceId))).toMatchObject({ stored: 12, lastHeartbeat: { seq: 12, pending: 0 } })
  })

  it('a long 500 outage while ratings keep coming: attempts follow the backoff, then all arrive exactly once', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk({ random: () => 0.5 })
    kiosk.connect(collector)
    await kiosk.uploader.flush('manual') // enrolled and healthy before the outage
    collector.faults.forced.push({ route: 'batches', status: 500, times: 1_000_000 })
    const created: string[] = []
    const attemptsAt: number[] = []
    // Two hours in 5-second timer ticks, a rating every minute; the uploader decides when it is due.
    for (let tick = 0; tick < 1440; tick++) {
      kiosk.clock.advance(5000)
      if (tick % 12 === 0) created.push(...kiosk.rate(1, { stepMs: 0 }))
      const before = collector.faults.requests.batches
      await kiosk.uploader.flush('timer')
      if (collector.faults.requests.batches > before) attemptsAt.push(kiosk.clock.now())
    }
    // Each wait is at least half its ceiling (random = 0.5) — no hammering — and the count is what that allows.
    const gaps = attemptsAt.slice(1).map((t, i) => t - (attemptsAt[i] ?? 0))
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(backoffCeiling(i + 1) / 2))
    let allowed = 0
    for (let t = 0, f = 1; t <= 2 * 3600_000; f++, allowed++) t += backoffCeiling(f) / 2
    expect(attemptsAt.length).toBeLessThanOrEqual(allowed)
    expect(attemptsAt.length).toBeGreaterThan(20)
    expect(kiosk.uploader.status()).toMatchObject({ state: 'backoff', pending: created.length })

    collector.faults.forced.length = 0
    kiosk.clock.advance(5 * 60_000)
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(created)
    expect(kiosk.uploader.status()).toMatchObject({ state: 'idle', pending: 0 })
  })

  it('100 batches committed by the collector whose answer is lost: no duplicates, all delivered', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk({ random: () => 0 })
    kiosk.connect(collector)
    const created: string[] = []
    for (let i = 0; i < 100; i++) {
      created.push(...kiosk.rate(3))
      collector.faults.dropAfterCommit = 1
      expect(await kiosk.uploader.flush('timer')).toBe('failed')
      expect(await kiosk.uploader.flush('timer')).toBe('done')
    }
    const stored = (await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)
    expect(stored).toEqual(created)
    expect(new Set(stored).size).toBe(created.length)
    // Every rating really went twice: the second time it was recognised, not stored again.
    expect([...collector.faults.posted.values()].every((n) => n === 2)).toBe(true)
    expect(kiosk.uuidsInState('sent')).toEqual(created)
  })

  it('a garbage 200 answer marks nothing sent; the resend is deduplicated', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk({ random: () => 0 })
    kiosk.connect(collector)
    const created = kiosk.rate(5)
    collector.faults.garbageAfterCommit = 1
    expect(await kiosk.uploader.flush('timer')).toBe('failed')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'backoff', pending: 5, lastError: { code: 'BAD_ANSWER' } })
    expect(await kiosk.uploader.flush('timer')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(created)
  })

  it('a kiosk killed after the collector committed, before it marked anything sent: the resend is deduplicated', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    await kiosk.uploader.flush('manual')
    const created = kiosk.rate(40)
    kiosk.close()

    let lines: string[] = []
    const child = spawnKioskChild(['flush', '--dir', kiosk.dir, '--clock', String(kiosk.clock.now())], (l) => lines.push(l))
    collector.faults.afterCommit = () => child.process.kill('SIGKILL')
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(lines).toEqual([])
    collector.faults.afterCommit = null
    expect((await storedRatings(collector.db, kiosk.deviceId))).toHaveLength(40)

    const again = testKiosk({ dir: kiosk.dir, clock: kiosk.clock })
    expect(again.uuidsInState('pending')).toEqual(created) // the crash left them unmarked
    again.clock.advance(60_000) // past the dead process's upload lease
    lines = []
    expect(await again.uploader.flush('manual')).toBe('done')
    expect(again.uuidsInState('sent')).toEqual(created)
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(created)
    expect([...collector.faults.posted.values()].every((n) => n === 2)).toBe(true)
    expect(readUploadState(again.db).failures).toBe(0)
  })
})
