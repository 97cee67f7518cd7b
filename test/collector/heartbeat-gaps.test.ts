import { describe, expect, it } from 'vitest'
import { testCollector } from '../upload/helpers/collector'
import { HeartbeatAckSchema } from '../../shared/schemas/upload'
import type { RatingRecord } from '../../shared/schemas/rating'
import { send, SimDevice } from './helpers/sim-device'

/**
 * A province's kiosk whose outbox dead-lettered ratings between ones it did deliver: the heartbeats that report them
 * fill the gaps, and the walk goes on over the stored ratings after each (both stores, real HTTP).
 */
describe('heartbeats with dead letters between delivered ratings', () => {
  it('each heartbeat fills its gaps, the cursor walks over what was stored after them, a later delivery is no conflict', async () => {
    const collector = await testCollector()
    const device = new SimDevice('Kiosk 1')
    const token = collector.createEnrollmentToken(device.label)
    expect((await send(collector.url, { path: '/v1/enroll', body: device.enrollBody(token), headers: { 'content-type': 'application/json' } })).status).toBe(200)
    const r = device.rate(10, collector.clock.now() - 3600_000, 1000)
    const at = (...seqs: number[]) => seqs.map((s) => r[s - 1]).filter((x): x is RatingRecord => x !== undefined)
    const beat = async (dead: number[]) => {
      collector.clock.advance(1000)
      const res = await send(collector.url, device.heartbeat(collector.clock.now(), at(...dead).map((record) => ({ record, reason: 'HTTP 422' }))))
      expect(res.status).toBe(200)
      return HeartbeatAckSchema.parse(res.body).chain
    }
    expect((await send(collector.url, device.batch(at(1, 2, 5, 6, 9, 10), collector.clock.now()))).status).toBe(200)

    // 3 and 4 reported dead: verified through 6, the gap at 7 named, 9 and 10 still unverified.
    expect(await beat([3, 4])).toEqual({ verifiedSeq: 6, firstBadSeq: 7, reason: 'gap', dead: 2, deadSeqs: [3, 4] })
    // 7 and 8 too: the whole chain verified, every stored row with its verdict.
    expect(await beat([7, 8])).toEqual({ verifiedSeq: 10, firstBadSeq: null, reason: null, dead: 4, deadSeqs: [3, 4, 7, 8] })
    expect(await collector.db.all('SELECT seq, chain_ok FROM ratings ORDER BY seq')).toEqual(
      [1, 2, 5, 6, 9, 10].map((seq) => ({ seq, chain_ok: 1 })),
    )
    expect(await collector.db.all('SELECT seq, chain_ok FROM dead_records ORDER BY seq')).toEqual([3, 4, 7, 8].map((seq) => ({ seq, chain_ok: 1 })))

    // IT re-queues 7 on the kiosk and it is delivered, unchanged: stored, no longer dead-only, no conflict.
    const ack = await send(collector.url, device.batch(at(7), collector.clock.now()))
    expect(ack.body).toMatchObject({ results: [{ status: 'stored' }], chain: { verifiedSeq: 10, firstBadSeq: null, dead: 3, deadSeqs: [3, 4, 8] } })
    // The same report again changes nothing.
    expect(await beat([3, 4, 7, 8])).toEqual({ verifiedSeq: 10, firstBadSeq: null, reason: null, dead: 3, deadSeqs: [3, 4, 8] })
    expect(await collector.db.value('SELECT count(*) FROM conflicts')).toBe(0)
  })
})
