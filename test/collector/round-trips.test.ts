import { describe, expect, it } from 'vitest'
import type { Store, Tx } from '../../electron/collector/store/types'
import { BatchAckSchema, HeartbeatAckSchema } from '../../shared/schemas/upload'
import { testCollector, testStore } from '../upload/helpers/collector'
import { send, SimDevice } from './helpers/sim-device'

/**
 * Counts every statement the collector sends to its store, inside transactions and outside, by wrapping the
 * collector's Store object in place (the server calls it through that object). On PostgreSQL each counted call is
 * one round trip (the deferred BEGIN rides with the device lock); COMMIT adds one more per transaction.
 */
function countCalls(db: Store) {
  const calls: string[] = []
  const methods = ['all', 'get', 'value', 'run', 'writeAll'] as const
  for (const m of methods) {
    const original = db[m].bind(db) as (...args: unknown[]) => Promise<unknown>
    Object.assign(db, { [m]: (...args: unknown[]) => (calls.push(`store.${m}`), original(...args)) })
  }
  const tx = db.tx.bind(db)
  Object.assign(db, {
    tx: <T>(fn: (t: Tx) => Promise<T>) =>
      tx((inner) => {
        const counted: Tx = {
          dialect: inner.dialect,
          lockDevice: (id) => (calls.push('lockDevice'), inner.lockDevice(id)),
          all: (sql, params) => (calls.push('all'), inner.all(sql, params)),
          get: (sql, params) => (calls.push('get'), inner.get(sql, params)),
          value: (sql, params) => (calls.push('value'), inner.value(sql, params)),
          run: (sql, params) => (calls.push('run'), inner.run(sql, params)),
          writeAll: (statements) => (calls.push('writeAll'), inner.writeAll(statements)),
        }
        return fn(counted)
      }),
  })
  return { take: () => calls.splice(0) }
}

async function enrolled() {
  const collector = await testCollector()
  const device = new SimDevice('Kiosk 1')
  const token = collector.createEnrollmentToken(device.label)
  const res = await send(collector.url, { path: '/v1/enroll', body: device.enrollBody(token), headers: { 'content-type': 'application/json' } })
  expect(res.status).toBe(200)
  return { collector, device }
}

/** Authenticating (the device row), then: lock, device row + key, one lookup, one writeAll. */
const NEW_BATCH = ['store.get', 'lockDevice', 'get', 'all', 'writeAll']

describe(`round trips per batch (${testStore})`, () => {
  it('a batch costs the same few statements whatever its size, with negative ratings and conflicts in it', async () => {
    const { collector, device } = await enrolled()
    const calls = countCalls(collector.db)
    const t = collector.clock.now() - 3600_000

    const small = device.rate(20, t, 1000) // every seventh negative: alerts go in the same writeAll
    const first = device.batch(small, collector.clock.now())
    expect((await send(collector.url, first)).status).toBe(200)
    expect(calls.take()).toEqual(NEW_BATCH)

    const big = device.rate(500, t + 20_000, 1000)
    const second = await send(collector.url, device.batch(big, collector.clock.now()))
    expect(BatchAckSchema.parse(second.body).chain).toMatchObject({ verifiedSeq: 520, firstBadSeq: null })
    expect(calls.take()).toEqual(NEW_BATCH)

    // A rating sent again, and one with another's seq: a duplicate and a conflict, still the same statements.
    const [again] = small
    const [next] = device.rate(1, t + 600_000, 1000)
    if (again === undefined || next === undefined) throw new Error('no ratings')
    const mixed = await send(collector.url, device.batch([again, { ...next, uuid: crypto.randomUUID(), seq: 3 }, next], collector.clock.now()))
    expect(BatchAckSchema.parse(mixed.body).results.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'stored'])
    expect(calls.take()).toEqual(NEW_BATCH)

    // The same batch again is answered from the idempotency key: lock, device row + key, nothing else.
    const replay = await send(collector.url, first)
    expect(replay.status).toBe(200)
    expect(calls.take()).toEqual(['store.get', 'lockDevice', 'get'])

    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(521)
    expect(await collector.db.value('SELECT count(*) FROM ratings WHERE chain_ok = 1')).toBe(521)
    expect(await collector.db.value("SELECT count(*) FROM alerts WHERE kind = 'negative-rating'")).toBe(74)
  })

  it('a batch that fills a gap walks on over rows stored before it, inside the read windows and past them', async () => {
    const { collector, device } = await enrolled()
    const calls = countCalls(collector.db)
    const t = collector.clock.now() - 7200_000
    const ratings = device.rate(1120, t, 1000)
    const post = async (from: number, to: number) =>
      BatchAckSchema.parse((await send(collector.url, device.batch(ratings.slice(from - 1, to), collector.clock.now()))).body).chain
    // 21..1020 first: held, but nothing below them yet.
    expect(await post(21, 520)).toMatchObject({ verifiedSeq: 0, firstBadSeq: 1, reason: 'gap' })
    expect(await post(521, 1020)).toMatchObject({ verifiedSeq: 0, firstBadSeq: 1, reason: 'gap' })
    calls.take()
    // 1..20: the walk runs past the rows the lookup read (to 520) and goes on through the store, page by page.
    expect(await post(1, 20)).toMatchObject({ verifiedSeq: 1020, firstBadSeq: null })
    expect(calls.take().length).toBeGreaterThan(NEW_BATCH.length)
    // 1100..1120 then 1021..1099: the second walks on over the first inside its read window, in memory.
    expect(await post(1100, 1120)).toMatchObject({ verifiedSeq: 1020, firstBadSeq: 1021, reason: 'gap' })
    expect(await post(1021, 1099)).toMatchObject({ verifiedSeq: 1120, firstBadSeq: null })
    expect(calls.take()).toEqual([...NEW_BATCH, ...NEW_BATCH])
    expect(await collector.db.value('SELECT count(*) FROM ratings WHERE chain_ok = 1')).toBe(1120)
    expect(await collector.db.value('SELECT cursor_seq FROM devices')).toBe(1120)
  })

  it('a heartbeat costs the same statements as a batch, with a gap, a bad head proof and a tamper alert in it', async () => {
    const { collector, device } = await enrolled()
    const calls = countCalls(collector.db)
    const t = collector.clock.now() - 3600_000
    const heartbeat = async (request = device.heartbeat(collector.clock.now())) => {
      collector.clock.advance(1000)
      const res = await send(collector.url, request)
      expect(res.status).toBe(200)
      return HeartbeatAckSchema.parse(res.body).chain
    }
    expect((await send(collector.url, device.batch(device.rate(20, t, 1000), collector.clock.now()))).status).toBe(200)
    calls.take()
    expect(await heartbeat()).toMatchObject({ verifiedSeq: 20, firstBadSeq: null })
    expect(calls.take()).toEqual(NEW_BATCH)

    // 21..25 written, only 23..25 delivered: the head at 25 shows the gap at 21.
    const later = device.rate(5, t + 60_000, 1000)
    expect((await send(collector.url, device.batch(later.slice(2), collector.clock.now()))).status).toBe(200)
    calls.take()
    expect(await heartbeat()).toMatchObject({ verifiedSeq: 20, firstBadSeq: 21, reason: 'gap' })
    expect(calls.take()).toEqual(NEW_BATCH)

    // A head whose proof was not made with the current key (a rolled-back database): found at seq 26, alerted once.
    const good = JSON.parse(device.heartbeat(collector.clock.now() + 1000).body) as { head: { proof: string } }
    const forged = JSON.stringify({ ...good, head: { ...good.head, proof: good.head.proof.replace(/^./, (c) => (c === '0' ? '1' : '0')) } })
    expect(await heartbeat(device.signed('/v1/heartbeat', forged, collector.clock.now() + 1000))).toMatchObject({ firstBadSeq: 21, reason: 'gap' })
    expect(calls.take()).toEqual(NEW_BATCH)
    expect(await collector.db.value('SELECT bad_seq FROM devices')).toBe(26)
    expect(await collector.db.value("SELECT count(*) FROM alerts WHERE kind = 'tamper'")).toBe(1)
    expect(await collector.db.value('SELECT count(*) FROM heartbeats WHERE proof_ok = 0')).toBe(1)

    // 21 and 22 reported dead-lettered: kept as evidence, the walk goes on over them to 25 (this path reads more).
    const dead = later.slice(0, 2).map((record) => ({ record, reason: 'HTTP 422' }))
    expect(await heartbeat(device.heartbeat(collector.clock.now() + 1000, dead))).toMatchObject({ verifiedSeq: 25, firstBadSeq: 26, reason: 'head', dead: 2, deadSeqs: [21, 22] })
    expect(await collector.db.value('SELECT count(*) FROM dead_records WHERE chain_ok = 1')).toBe(2)
  })
})
