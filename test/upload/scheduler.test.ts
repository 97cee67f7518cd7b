import { describe, expect, it } from 'vitest'
import { createEventHub } from '../../electron/core/event-hub'
import type { Timers } from '../../electron/core/upload/scheduler'
import { createSyncHandlers } from '../../electron/core/upload/sync-handlers'
import { createSyncService } from '../../electron/core/upload/sync-service'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

interface Armed {
  handle: object
  ms: number
  run: () => void
  cleared: boolean
}

/** Timers that only record what the scheduler armed; a test fires them by hand. */
function recordingTimers() {
  const armed: Armed[] = []
  const timers: Timers = {
    setTimeout(run, ms) {
      const handle = {}
      armed.push({ handle, ms, run, cleared: false })
      return handle
    },
    clearTimeout(handle) {
      for (const a of armed) if (a.handle === handle) a.cleared = true
    },
  }
  /** The armed timers not cleared and not fired yet: the scheduler keeps exactly one while it runs. */
  const waiting = () => armed.filter((a) => !a.cleared)
  /** Fires the one waiting timer and resolves once its round is over and the scheduler armed the next. */
  async function fire(): Promise<void> {
    const [next, ...more] = waiting()
    expect(more).toEqual([])
    if (next === undefined) throw new Error('nothing armed')
    next.cleared = true
    const before = armed.length
    next.run()
    for (let i = 0; i < 1000 && armed.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return { armed, timers, waiting, fire }
}

async function setUp() {
  const collector = await testCollector()
  const kiosk = testKiosk()
  kiosk.connect(collector)
  const recorded = recordingTimers()
  const sync = createSyncService({
    db: kiosk.db,
    clock: kiosk.clock,
    hub: createEventHub(),
    deviceId: kiosk.deviceId,
    deviceSecret: kiosk.secret,
    appVersion: '0.0.0-test',
    log: { error: () => {}, info: () => {} },
    random: () => 0.5,
    timers: recorded.timers,
  })
  const handlers = createSyncHandlers({ db: kiosk.db, clock: kiosk.clock, sync })
  // Dispatch lets only IT reach this handler (the access table's test covers that); here it is IT.
  const itCaller = { role: 'admin', actor: { id: 1, name: 'IT', role: 'admin', officerId: null } } as const
  const syncNow = () => handlers['sync:now']({}, { clientId: 'test:a', caller: itCaller })
  sync.start()
  return { collector, kiosk, sync, syncNow, ...recorded }
}

describe('the upload timer and "sync now"', () => {
  it('a failed "sync now" re-arms the timer with the first backoff (0–2 s), not the next interval', async () => {
    const { collector, kiosk, sync, syncNow, waiting, fire } = await setUp()
    await fire() // the first timer round: enrolled, nothing to send
    expect(waiting().map((a) => a.ms)).toEqual([60_000])

    kiosk.rate(2, { stepMs: 0 })
    collector.faults.forced.push({ route: 'batches', status: 503 })
    expect(await syncNow()).toMatchObject({ state: 'backoff', pending: 2 })
    // Jitter pinned at 0.5: half of the first ceiling (2 s).
    expect(waiting().map((a) => a.ms)).toEqual([1000])

    kiosk.clock.advance(1000)
    await fire() // the retry, on the timer
    expect(kiosk.uploader.status().pending).toBe(0) // (this kiosk's own uploader reads the same file)
    expect(waiting().map((a) => a.ms)).toEqual([60_000])
    sync.stop()
    expect(waiting()).toEqual([])
  })

  it('a timer round during "sync now" joins it: one round, each rating posted once, one timer armed after', async () => {
    const { collector, kiosk, syncNow, waiting, fire } = await setUp()
    await fire()
    const uuids = kiosk.rate(3, { stepMs: 0 })
    let release = () => {}
    collector.faults.holdUntil = new Promise<void>((resolve) => (release = resolve))
    const manual = syncNow()
    for (let i = 0; i < 1000 && collector.faults.requests.batches === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const timer = fire()
    release()
    await Promise.all([manual, timer])
    expect(collector.faults.requests.batches).toBe(1)
    expect(uuids.map((u) => collector.faults.posted.get(u))).toEqual([1, 1, 1])
    expect(waiting().map((a) => a.ms)).toEqual([60_000])
  })
})
