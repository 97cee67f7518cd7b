import crypto from 'node:crypto'
import type { RatingRecord } from '../../../shared/schemas/rating'
import type { DisputeRecord } from '../../../shared/schemas/upload-disputes'
import { HEADERS } from '../../../shared/schemas/upload'
import { canonicalJson } from '../../../shared/protocol/canonical-json'
import { extend, genesisHead, newGenesisKey, type ChainHead } from '../../../shared/protocol/chain'
import { batchIdFor, deriveDeviceKeys, sign } from '../../../shared/protocol/signing'

/**
 * A simulated kiosk for the dashboard tests: enrolls over real HTTP, chains its ratings with the real protocol
 * code and signs every request as a kiosk does, so everything the dashboard shows arrived as a real upload. Unlike
 * the full kiosk core, each rating's time, level, counter, officer and ticket are the test's to choose.
 */
export type RatingFields = Partial<Omit<RatingRecord, 'uuid' | 'seq' | 'deviceId' | 'link'>>

export interface SimDevice {
  deviceId: string
  /** Chains and uploads these ratings in one signed batch; resolves with the collector's answer. */
  send(ratings: RatingFields[]): Promise<{ status: number; uuids: string[]; body: unknown }>
  /** Uploads the last batch again, as a kiosk does when the answer was lost. */
  resend(): Promise<{ status: number; uuids: string[]; body: unknown }>
  /** Uploads a rating whose link is wrong (an edited row): the collector names its seq as the first bad one. */
  sendTampered(fields: RatingFields): Promise<number>
  dispute(ratingUuid: string, states: ('open' | 'upheld' | 'rejected')[], note?: string): Promise<number>
}

export async function simDevice(
  collector: { url: string; createEnrollmentToken(label: string, ttlMs?: number, centreId?: string | null): string },
  clock: { now(): number },
  centreId: string | null,
  label = 'Kiosk mô phỏng',
): Promise<SimDevice> {
  const deviceId = crypto.randomUUID()
  const secret = crypto.randomBytes(32)
  const { signKey } = deriveDeviceKeys(secret)
  const genesis = newGenesisKey()
  let head: ChainHead = genesisHead(genesis)
  const token = collector.createEnrollmentToken(label, 3_600_000, centreId)
  const enrolled = await fetch(new URL('/v1/enroll', collector.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId, token, signKey, chainKey: genesis, label }),
  })
  if (enrolled.status !== 200) throw new Error(`enroll: ${enrolled.status} ${await enrolled.text()}`)

  async function post(path: string, body: string, batchId: string): Promise<{ status: number; body: unknown }> {
    const timestamp = Math.floor(clock.now() / 1000)
    const response = await fetch(new URL(path, collector.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HEADERS.device]: deviceId,
        [HEADERS.timestamp]: String(timestamp),
        [HEADERS.signature]: sign(signKey, { method: 'POST', path, timestamp, deviceId, body }),
        [HEADERS.idempotencyKey]: batchId,
      },
      body,
    })
    return { status: response.status, body: await response.json() }
  }

  function record(fields: RatingFields): Omit<RatingRecord, 'link'> {
    return {
      uuid: crypto.randomUUID(),
      seq: head.seq + 1,
      deviceId,
      ticketCode: 'A0001',
      counterNumber: 1,
      officerId: 1,
      officerName: 'Nguyễn Văn An',
      fieldPrefix: 'A',
      level: 3,
      levelKey: 'very_satisfied',
      levelLabel: 'Rất hài lòng',
      scale: 3,
      reasons: [],
      comment: '',
      language: 'vi',
      mode: 'counter',
      createdAt: clock.now(),
      ...fields,
    }
  }

  let last: RatingRecord[] = []
  async function upload(records: RatingRecord[]) {
    last = records
    const uuids = records.map((r) => r.uuid)
    const batchId = batchIdFor(deviceId, uuids)
    const result = await post('/v1/batches', JSON.stringify({ deviceId, batchId, ratings: records }), batchId)
    return { ...result, uuids }
  }

  return {
    deviceId,
    send(ratings) {
      const records = ratings.map((fields) => {
        const r = record(fields)
        const next = extend(head, canonicalJson(r))
        head = next.head
        return { ...r, link: next.link }
      })
      return upload(records)
    },
    resend: () => upload(last),
    async sendTampered(fields) {
      const r = record(fields)
      // Linked over what was written first; the record sent says something else, as an edited row would.
      const next = extend(head, canonicalJson({ ...r, comment: `${r.comment} (bản gốc)` }))
      head = next.head
      await upload([{ ...r, link: next.link }])
      return r.seq
    },
    async dispute(ratingUuid, states, note = 'Cán bộ đề nghị xem xét') {
      const uuid = crypto.randomUUID()
      const disputes: DisputeRecord[] = states.map((state, i) => ({
        uuid,
        deviceId,
        ratingUuid,
        state,
        note: i === 0 ? note : 'Đã xác minh',
        by: i === 0 ? 'Nguyễn Văn An' : 'Trần Thị Bình',
        at: clock.now() + i,
      }))
      const batchId = batchIdFor(deviceId, disputes.map((d) => `${d.uuid}:${d.state}`))
      return (await post('/v1/disputes', JSON.stringify({ deviceId, batchId, disputes }), batchId)).status
    },
  }
}
