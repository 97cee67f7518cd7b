import fs from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import { spawnKioskChild } from './helpers/child'
import { testCollector } from './helpers/collector'
import { KILL_POINTS, type KillAt } from './fixtures/kill-points'
import { testKiosk } from './helpers/kiosk'

/** `KILL9_ITERATIONS=100 npx vitest run test/upload/kill9.test.ts` (npm run soak:kill9) runs the long version. */
const ITERATIONS = Number(process.env.KILL9_ITERATIONS ?? 20)
/** The kill points come from this seed; a failure prints it, and `KILL9_SEED=<seed>` replays the same kills. */
const SEED = Number(process.env.KILL9_SEED ?? 12345)
const UUID_LINE = /^ack ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

/**
 * Every kill point in turn, each at a seeded occurrence (1st to 12th), from a linear congruential generator in
 * exact integer arithmetic: the same seed gives the same plan on every machine.
 */
function killPlan(seed: number, iterations: number): KillAt[] {
  let state = BigInt(seed)
  const nextNth = () => {
    state = (state * 1103515245n + 12345n) % 2n ** 31n
    return 1 + Number(state % 12n)
  }
  return Array.from({ length: iterations }, (_, i) => ({
    point: KILL_POINTS[i % KILL_POINTS.length] ?? 'rating',
    nth: nextNth(),
  }))
}

const ratingCount = (dbFile: string) => {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    return z.number().int().parse(db.prepare('SELECT count(*) FROM ratings').pluck().get())
  } finally {
    db.close()
  }
}

describe('kill -9', () => {
  it(`a kiosk process killed at seeded write steps (${ITERATIONS}×, seed ${SEED}) loses no acknowledged rating`, async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    kiosk.close()
    const acknowledged = new Set<string>()
    const plan = killPlan(SEED, ITERATIONS)

    for (const [i, kill] of plan.entries()) {
      const replay = `seed ${SEED}, run ${i + 1}, killed at ${kill.point}:${kill.nth}`
      // Each run starts an hour after the last one, so a killed process's upload lease has long expired.
      const clockStart = kiosk.clock.now() + (i + 1) * 3600_000
      const before = ratingCount(kiosk.dbFile)
      let acks = 0
      const child = spawnKioskChild(
        ['write', '--dir', kiosk.dir, '--clock', String(clockStart), '--count', '400', '--flush-every', '4',
          '--kill-at', `${kill.point}:${kill.nth}`],
        (line) => {
          const m = UUID_LINE.exec(line)
          if (m?.[1] === undefined) return
          acknowledged.add(m[1])
          acks += 1
        },
      )
      const exit = await child.exited
      expect(exit.signal, `${replay}\n${child.stderr()}`).toBe('SIGKILL')
      // A kill inside a rating's transaction leaves none of it; one after COMMIT keeps it, unacknowledged.
      const added = ratingCount(kiosk.dbFile) - before
      expect(added, replay).toBe(acks + (kill.point === 'acked' ? 1 : 0))
      if (kill.point !== 'sent') expect(acks, replay).toBe(kill.nth - 1)
    }

    // After the last kill: the file is sound, every acknowledged rating is there once, the chain has no hole.
    const raw = new Database(kiosk.dbFile, { readonly: true, fileMustExist: true })
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    const rows = z
      .array(z.strictObject({ uuid: z.string(), seq: z.number() }))
      .parse(raw.prepare('SELECT uuid, seq FROM ratings ORDER BY seq').all())
    raw.close()
    const present = new Set(rows.map((r) => r.uuid))
    expect([...acknowledged].filter((u) => !present.has(u))).toEqual([])
    expect(present.size).toBe(rows.length)
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1))

    // And all of them reach the collector, exactly once, on a verified chain.
    const after = testKiosk({ dir: kiosk.dir, clock: kiosk.clock })
    after.clock.advance((ITERATIONS + 2) * 3600_000)
    expect(await after.uploader.flush('manual')).toBe('done')
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(rows.map((r) => r.uuid))
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual({
      verifiedSeq: rows.length,
      firstBadSeq: null,
      reason: null,
      dead: 0,
      deadSeqs: [],
    })
    expect(fs.existsSync(kiosk.dbFile)).toBe(true)
  }, 300_000)
})
