import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { settle } from '../../electron/core/upload/ack'
import { nextBatch } from '../../electron/core/upload/outbox-repo'
import { batchIdFor, deriveDeviceKeys, sign } from '../../shared/protocol/signing'
import { HEADERS } from '../../shared/schemas/upload'
import { connectedKiosk } from './helpers/connected'

/** How often the collector received each of these ratings. */
const postedTimes = (posted: Map<string, number>, uuids: string[]) => uuids.map((u) => posted.get(u) ?? 0)

describe('a collector that acknowledges only part of a batch', () => {
  it('the ratings left out stay pending and go again until acknowledged; in the end each is stored once', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    // The first answer names 3 of the 10; the answer to the resent 7 names none.
    collector.faults.ackFaults.push({ kind: 'keep-first', keep: 3 }, { kind: 'keep-first', keep: 0 })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uuidsInState('sent')).toEqual(uuids.slice(0, 3))
    expect(kiosk.uuidsInState('pending')).toEqual(uuids.slice(3))
    expect(kiosk.uploader.status()).toMatchObject({ state: 'backoff', pending: 7, dead: 0, lastError: { code: 'NO_ACK' } })

    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uuidsInState('pending')).toEqual([])
    expect(kiosk.uuidsInState('dead')).toEqual([])
    expect(postedTimes(collector.faults.posted, uuids)).toEqual([1, 1, 1, 3, 3, 3, 3, 3, 3, 3])
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('a rating missing from the answer is sent again in the same round (answered `duplicate`)', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    const missing = uuids[4] ?? ''
    collector.faults.ackFaults.push({ kind: 'omit', uuids: new Set([missing]) })
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uuidsInState('sent')).toEqual(uuids)
    expect(postedTimes(collector.faults.posted, uuids)).toEqual(uuids.map((u) => (u === missing ? 2 : 1)))
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('an answer naming a rating twice (conflict, then stored) settles nothing: no stored rating is dead-lettered', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(10)
    collector.faults.ackFaults.push({ kind: 'twice' })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(kiosk.uuidsInState('pending')).toEqual(uuids)
    expect(kiosk.uploader.status()).toMatchObject({ state: 'backoff', dead: 0, lastError: { code: 'BAD_ANSWER' } })
    // The same batch again: the collector replays its stored (true) answer.
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(kiosk.uuidsInState('sent')).toEqual(uuids)
    expect(kiosk.uuidsInState('dead')).toEqual([])
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  })

  it('an answer naming a rating the batch did not carry settles nothing', async () => {
    const { kiosk } = await connectedKiosk(2)
    const items = nextBatch(kiosk.db, kiosk.deviceId, 10)
    const [a, b] = items.map((i) => i.record.uuid)
    const stranger = '00000000-0000-4000-8000-000000000000'
    expect(settle(items, [{ uuid: a ?? '', status: 'stored' }, { uuid: stranger, status: 'stored' }])).toMatchObject({ ok: false })
    expect(settle(items, [{ uuid: b ?? '', status: 'duplicate' }])).toEqual({
      ok: true,
      sent: [items[1]?.outboxId],
      dead: [],
      unacknowledged: [items[0]?.outboxId],
    })
  })

  it('the collector refuses a batch that carries a rating twice (400): it could not answer each rating once', async () => {
    const { collector, kiosk } = await connectedKiosk(1)
    const [item] = nextBatch(kiosk.db, kiosk.deviceId, 10)
    if (item === undefined) throw new Error('no rating')
    const batchId = batchIdFor(kiosk.deviceId, [item.record.uuid, item.record.uuid])
    const body = `{"deviceId":"${kiosk.deviceId}","batchId":"${batchId}","ratings":[${item.json},${item.json}]}`
    const timestamp = Math.floor(collector.clock.now() / 1000)
    const signature = sign(deriveDeviceKeys(kiosk.secret).signKey, {
      method: 'POST',
      path: '/v1/batches',
      timestamp,
      deviceId: kiosk.deviceId,
      body,
    })
    const response = await fetch(new URL('v1/batches', collector.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HEADERS.device]: kiosk.deviceId,
        [HEADERS.timestamp]: String(timestamp),
        [HEADERS.signature]: signature,
        [HEADERS.idempotencyKey]: batchId,
      },
      body,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } })
    expect((await storedRatings(collector.db, kiosk.deviceId))).toEqual([])
  })
})
