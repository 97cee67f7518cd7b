import fs from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import { spawnKioskChild } from './helpers/child'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

/** `KILL9_ITERATIONS=100 npx vitest run test/upload/kill9.test.ts` (npm run soak:kill9) runs the long version. */
const ITERATIONS = Number(process.env.KILL9_ITERATIONS ?? 20)
const UUID_LINE = /^ack ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

describe('kill -9', () => {
  it(`a kiosk process killed at random moments (${ITERATIONS}×) loses no acknowledged rating`, async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector)
    kiosk.close()
    const acknowledged = new Set<string>()
    let random = 12345 // a fixed seed: a failure can be replayed
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31

    for (let i = 0; i < ITERATIONS; i++) {
      // Each run starts an hour after the last one, so a killed process's upload lease has long expired.
      const clockStart = kiosk.clock.now() + (i + 1) * 3600_000
      const killAfter = 1 + Math.floor(next() * 12)
      let acks = 0
      const child = spawnKioskChild(
        ['write', '--dir', kiosk.dir, '--clock', String(clockStart), '--count', '400', '--flush-every', '4'],
        (line) => {
          const m = UUID_LINE.exec(line)
          if (m?.[1] === undefined) return
          acknowledged.add(m[1])
          if (++acks === killAfter) child.process.kill('SIGKILL')
        },
      )
      const exit = await child.exited
      expect(exit.signal, child.stderr()).toBe('SIGKILL')
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
    expect(storedRatings(collector.db, kiosk.deviceId).map((r) => r.uuid)).toEqual(rows.map((r) => r.uuid))
    expect(deviceStatus(collector.db, kiosk.deviceId)?.chain).toEqual({
      verifiedSeq: rows.length,
      firstBadSeq: null,
      reason: null,
      dead: 0,
      deadSeqs: [],
    })
    expect(fs.existsSync(kiosk.dbFile)).toBe(true)
  }, 300_000)
})
