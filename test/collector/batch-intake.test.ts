import { describe, expect, it } from 'vitest'
import { BatchAckSchema } from '../../shared/schemas/upload'
import { testCollector } from '../upload/helpers/collector'
import { enrolledDevice, send } from './helpers/sim-device'

describe('a batch is checked as a whole against what the device already holds', () => {
  it('a second rating for a seq in the same batch, or for a stored seq, is a conflict; the rest is stored once', async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
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

describe('a rating received before, sent again with other content', () => {
  it('is a recorded conflict that marks the chain, whether it was delivered or reported dead-lettered', async () => {
    const collector = await testCollector()
    const device = await enrolledDevice(collector)
    const [one, two, three] = device.rate(3, collector.clock.now() - 60_000, 1000)
    if (one === undefined || two === undefined || three === undefined) throw new Error('no ratings')
    expect((await send(collector.url, device.batch([one], collector.clock.now()))).status).toBe(200)
    // Seq 3 reaches the collector only as a dead letter in a heartbeat (the kiosk gave up on sending it).
    expect((await send(collector.url, device.heartbeat(collector.clock.now(), [{ record: three, reason: 'HTTP 422' }]))).status).toBe(200)

    const changedOne = { ...one, comment: 'Rất tốt', level: 3, levelKey: 'very_satisfied', levelLabel: 'Rất hài lòng' }
    const changedThree = { ...three, officerName: 'Cán bộ khác' }
    const res = await send(collector.url, device.batch([changedOne, two, changedThree], collector.clock.now()))
    expect(BatchAckSchema.parse(res.body)).toMatchObject({
      results: [
        { uuid: one.uuid, status: 'conflict', reason: 'this rating was received before with other content' },
        { uuid: two.uuid, status: 'stored' },
        { uuid: three.uuid, status: 'conflict', reason: 'this rating was received before with other content' },
      ],
      chain: { firstBadSeq: 1, reason: 'changed' },
    })
    expect(await collector.db.all('SELECT uuid, seq, reason FROM conflicts ORDER BY seq')).toEqual([
      { uuid: one.uuid, seq: 1, reason: 'changed' },
      { uuid: three.uuid, seq: 3, reason: 'changed' },
    ])
    // Nothing taken from the changed copies: the stored rating and the dead letter keep what came first.
    expect(await collector.db.all('SELECT seq, officer_name FROM ratings ORDER BY seq')).toEqual([
      { seq: 1, officer_name: one.officerName },
      { seq: 2, officer_name: two.officerName },
    ])
    expect(await collector.db.value("SELECT count(*) FROM alerts WHERE kind = 'tamper'")).toBe(1)
  })
})
