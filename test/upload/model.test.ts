import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { testCollector, type TestCollector } from './helpers/collector'
import { testKiosk, type Kiosk } from './helpers/kiosk'

/**
 * Model-based: random sequences of what happens to a kiosk in the field, checked after every step against the
 * only model that matters — every rating ever created is on the collector or still pending on the kiosk, never
 * both lost and never twice on the collector; anything marked sent is on the collector.
 */
interface Model {
  created: string[]
}

interface Real {
  kiosk: Kiosk
  collector: TestCollector
}

async function check(model: Model, { kiosk, collector }: Real): Promise<void> {
  const stored = (await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)
  const pending = kiosk.uuidsInState('pending')
  expect(new Set(stored).size).toBe(stored.length)
  expect(new Set([...stored, ...pending])).toEqual(new Set(model.created))
  const onCollector = new Set(stored)
  expect(kiosk.uuidsInState('sent').filter((u) => !onCollector.has(u))).toEqual([])
  expect(kiosk.uuidsInState('dead')).toEqual([])
}

type Cmd = fc.AsyncCommand<Model, Real>

const rate = (n: number): Cmd => ({
  check: () => true,
  async run(model, real) {
    model.created.push(...real.kiosk.rate(n))
    await check(model, real)
  },
  toString: () => `rate(${n})`,
})

const upload = (fault: 'none' | '500' | 'drop'): Cmd => ({
  check: () => true,
  async run(model, real) {
    if (fault === '500') real.collector.faults.forced.push({ route: 'batches', status: 500 })
    if (fault === 'drop') real.collector.faults.dropAfterCommit = 1
    await real.kiosk.uploader.flush('manual')
    real.collector.faults.forced.length = 0
    real.collector.faults.dropAfterCommit = 0
    await check(model, real)
  },
  toString: () => `upload(${fault})`,
})

const crashRestart: Cmd = {
  check: () => true,
  async run(model, real) {
    real.kiosk.restart()
    await check(model, real)
  },
  toString: () => 'crash+restart',
}

/** The kiosk's clock runs ahead, or the collector's does (the kiosk's is behind): signing must cope either way. */
const clockJump = (who: 'kiosk' | 'collector', ms: number): Cmd => ({
  check: () => true,
  async run(model, real) {
    real[who].clock.advance(ms)
    await check(model, real)
  },
  toString: () => `clockJump(${who} +${ms / 86_400_000}d)`,
})

const commands = [
  fc.integer({ min: 1, max: 4 }).map(rate),
  fc.constantFrom<'none' | '500' | 'drop'>('none', '500', 'drop').map(upload),
  fc.constant(crashRestart),
  fc.constantFrom<['kiosk' | 'collector', number]>(['kiosk', 3 * 86_400_000], ['collector', 365 * 86_400_000]).map(
    ([who, ms]) => clockJump(who, ms),
  ),
]

describe('outbox model', () => {
  it('collector ∪ pending = created, no duplicates, over 200 random sequences', async () => {
    // One collector for all sequences: each sequence is a new kiosk (a new device id) with its own database.
    const collector = await testCollector()
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 10 }), async (cmds) => {
        const kiosk = testKiosk()
        kiosk.connect(collector)
        await kiosk.uploader.flush('manual') // enrolled before any clock jump can expire the token
        const model: Model = { created: [] }
        const real: Real = { kiosk, collector }
        await fc.asyncModelRun(() => ({ model, real }), cmds)
        // Finally the network heals: everything arrives, exactly once, on a verified chain.
        expect(await kiosk.uploader.flush('manual')).toBe('done')
        expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(model.created)
        expect(kiosk.uploader.status().chain).toMatchObject({ verifiedSeq: model.created.length, firstBadSeq: null })
        kiosk.close()
      }),
      { numRuns: 200 },
    )
  }, 180_000)
})
