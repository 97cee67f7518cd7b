import { describe, expect, it } from 'vitest'
import { BatchAckSchema } from '../../shared/schemas/upload'
import { testCollector } from '../upload/helpers/collector'
import { send, SimDevice } from './helpers/sim-device'

describe('a batch is checked as a whole against what the device already holds', () => {
  it('a second rating for a seq in the same batch, or for a stored seq, is a conflict; the rest is stored once', async () => {
    const collector = await testCollector()
    const device = new SimDevice('Kiosk 1')
    const token = collector.createEnrollmentToken(device.label)
    expect((await send(collector.url, { path: '/v1/enroll', body: device.enrollBody(token), headers: { 'content-type': 'application/json' } })).status).toBe(200)
    const [one, two, three] = device.rate(3, collector.clock.now() - 60_000, 1000)
    if (one === undefined || two === undefined || three === undefined) throw new Error('no ratings')
    const impostor = { ...two, uuid: crypto.randomUUID() } // claims seq 2 too, in the same batch

    const first = await send(collector.url, device.batch([one, two, impostor], collector.clock.now()))
    expect(first.status).toBe(200)
    expect(BatchAckSchema.parse(first.body).results).toEqual([
      { uuid: one.uuid, status: 'stored' },
      { uuid: two.uuid, status: 'stored' },
      { uuid: impostor.uuid, status: 'conflict', reason: 'seq 2 belongs to another rating' },
    ])
    const late = { ...one, uuid: crypto.randomUUID() } // claims seq 1, stored in an earlier batch
    const second = await send(collector.url, device.batch([two, late, three], collector.clock.now()))
    expect(BatchAckSchema.parse(second.body)).toMatchObject({
      results: [
        { uuid: two.uuid, status: 'duplicate' },
        { uuid: late.uuid, status: 'conflict', reason: 'seq 1 belongs to another rating' },
        { uuid: three.uuid, status: 'stored' },
      ],
      chain: { verifiedSeq: 0, firstBadSeq: 1, reason: 'seq-conflict' },
    })
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(3)
    expect(await collector.db.value("SELECT count(*) FROM conflicts WHERE reason = 'seq-conflict'")).toBe(2)
    expect(await collector.db.all('SELECT seq, chain_ok FROM ratings ORDER BY seq')).toEqual([
      { seq: 1, chain_ok: 1 },
      { seq: 2, chain_ok: 1 },
      { seq: 3, chain_ok: 1 },
    ])
  })
})
