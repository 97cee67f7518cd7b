import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createEnrollmentToken } from '../../electron/collector/devices'
import { openStore } from '../../electron/collector/store/open'
import { tickingClock } from '../../electron/core/clock'
import type { RatingRecord } from '../../shared/schemas/rating'
import { BatchAckSchema, DeviceStatusSchema } from '../../shared/schemas/upload'
import { tempDir } from '../helpers/temp-dir'
import { testDatabase, testStore } from '../upload/helpers/collector'
import { startCollectorProcess, type CollectorProcess } from './helpers/collector-process'
import { send, SimDevice, type SignedRequest } from './helpers/sim-device'

const started: CollectorProcess[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()))
})

/** A fixed start, so no test reads the wall clock; it then runs in real time, in the children as here. */
const START = Date.UTC(2026, 10, 26, 2, 0, 0)
const ADMIN = 'processes-admin-token'

/** A seeded PRNG (mulberry32): the same "random" sends on every run, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs the jobs with at most `width` in flight. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++
      results[index] = await (jobs[index] ?? (() => Promise.reject(new Error('no job'))))()
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
  return results
}

// PostgreSQL: three processes, as behind a load balancer. SQLite: two on one file (BEGIN IMMEDIATE takes turns).
const PROCESSES = testStore === 'postgres' ? 3 : 2
const DEVICES = testStore === 'postgres' ? 12 : 6
const RATINGS = 60
const TAMPERED = { device: 0, seq: 7 }
const MISSING = { device: 1, seq: 30 }

describe(`${PROCESSES} collector processes on one ${testStore} database`, () => {
  it('overlapping, retried and reordered batches to random processes: exactly once, the same verdicts everywhere, no 5xx', { timeout: 180_000 }, async () => {
    const database = await testDatabase()
    const dbFile = path.join(tempDir('collector-'), 'collector.db')
    const storeArgs = database === null ? ['--db', dbFile] : ['--database', database]
    const store = await openStore({ database, dbFile, now: START })
    const devices = Array.from({ length: DEVICES }, (_, i) => new SimDevice(`Kiosk ${i + 1}`))
    const tokens = await Promise.all(devices.map((d) => createEnrollmentToken(store, d.label, START, 3600_000)))
    await store.close()
    started.push(...(await Promise.all(Array.from({ length: PROCESSES }, () => startCollectorProcess(storeArgs, START, ADMIN)))))
    const urls = started.map((p) => p.url)
    const clock = tickingClock(START)
    const random = prng(20261126)
    const pick = () => urls[Math.floor(random() * urls.length)] ?? ''

    // Each device enrolls twice at once, at two processes, with its one token: both must say yes.
    const enrolled = await Promise.all(
      devices.flatMap((d, i) =>
        [0, 1].map((k) => send(urls[(i + k) % urls.length] ?? '', { path: '/v1/enroll', body: d.enrollBody(tokens[i] ?? ''), headers: { 'content-type': 'application/json' } })),
      ),
    )
    expect(enrolled.map((r) => r.status)).toEqual(enrolled.map(() => 200))

    // Batches of 10 overlapping by 5, each sent twice, all shuffled together across devices and processes.
    const sends: { device: SimDevice; records: RatingRecord[] }[] = []
    devices.forEach((device, i) => {
      const records = device.rate(RATINGS, START - 3600_000, 10_000)
      if (i === TAMPERED.device) {
        const r = records[TAMPERED.seq - 1]
        if (r !== undefined) records[TAMPERED.seq - 1] = { ...r, level: 3, levelKey: 'very_satisfied', levelLabel: 'Rất hài lòng', reasons: [], comment: '' }
      }
      const sent = i === MISSING.device ? records.filter((r) => r.seq !== MISSING.seq) : records
      for (let from = 0; from < sent.length; from += 5) {
        const slice = sent.slice(from, from + 10)
        sends.push({ device, records: slice }, { device, records: slice })
      }
    })
    for (let i = sends.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      const a = sends[i]
      const b = sends[j]
      if (a !== undefined && b !== undefined) [sends[i], sends[j]] = [b, a]
    }
    const answers = await inParallel(
      sends.map(({ device, records }) => async () => {
        const request: SignedRequest = device.batch(records, clock.now())
        return send(pick(), request)
      }),
      16,
    )
    expect(answers.filter((a) => a.status !== 200)).toEqual([])

    // The two sends of one batch get one answer (the second is the first replayed, wherever it went); across
    // distinct batches every rating was answered "stored" exactly once, whichever process it reached first.
    const byBatch = new Map<string, unknown>()
    for (const answer of answers) {
      const ack = BatchAckSchema.parse(answer.body)
      if (byBatch.has(ack.batchId)) expect(answer.body).toEqual(byBatch.get(ack.batchId))
      else byBatch.set(ack.batchId, answer.body)
    }
    const storedCount = new Map<string, number>()
    for (const body of byBatch.values()) {
      for (const r of BatchAckSchema.parse(body).results) {
        expect(r.status === 'stored' || r.status === 'duplicate').toBe(true)
        if (r.status === 'stored') storedCount.set(r.uuid, (storedCount.get(r.uuid) ?? 0) + 1)
      }
    }
    const expected = DEVICES * RATINGS - 1
    expect(storedCount.size).toBe(expected)
    expect([...storedCount.values()].every((n) => n === 1)).toBe(true)

    const heartbeats = await Promise.all(devices.map((d) => send(pick(), d.heartbeat(clock.now()))))
    expect(heartbeats.map((h) => h.status)).toEqual(heartbeats.map(() => 200))

    // Every process reports the same verdicts, and they are the right ones.
    const views = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(new URL('/v1/status', url), { headers: { authorization: `Bearer ${ADMIN}` } })
        const { devices: list } = z.strictObject({ devices: z.array(DeviceStatusSchema) }).parse(await response.json())
        return Object.fromEntries(list.map((d) => [d.deviceId, { stored: d.stored, chain: d.chain }]))
      }),
    )
    for (const view of views.slice(1)) expect(view).toEqual(views[0])
    const verdicts = devices.map((d) => views[0]?.[d.deviceId])
    expect(verdicts[TAMPERED.device]).toEqual({ stored: RATINGS, chain: { verifiedSeq: TAMPERED.seq - 1, firstBadSeq: TAMPERED.seq, reason: 'link', dead: 0, deadSeqs: [] } })
    expect(verdicts[MISSING.device]).toEqual({ stored: RATINGS - 1, chain: { verifiedSeq: MISSING.seq - 1, firstBadSeq: MISSING.seq, reason: 'gap', dead: 0, deadSeqs: [] } })
    for (const v of verdicts.slice(2)) {
      expect(v).toEqual({ stored: RATINGS, chain: { verifiedSeq: RATINGS, firstBadSeq: null, reason: null, dead: 0, deadSeqs: [] } })
    }

    const check = await openStore({ database, dbFile, now: START })
    try {
      expect(await check.value('SELECT count(*) FROM ratings')).toBe(expected)
      expect(await check.value('SELECT count(DISTINCT uuid) FROM ratings')).toBe(expected)
      expect(await check.value('SELECT count(*) FROM conflicts')).toBe(0)
    } finally {
      await check.close()
    }
  })
})
