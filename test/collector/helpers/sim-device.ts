import crypto from 'node:crypto'
import { canonicalJson } from '../../../shared/protocol/canonical-json'
import { extend, genesisHead, newGenesisKey, type ChainHead } from '../../../shared/protocol/chain'
import { batchIdFor, deriveDeviceKeys, headProof, sign } from '../../../shared/protocol/signing'
import type { RatingRecord } from '../../../shared/schemas/rating'
import { HEADERS } from '../../../shared/schemas/upload'

/**
 * A simulated kiosk for load and concurrency tests: the real chain and signing code of shared/protocol, without a
 * kiosk core behind it, so a test can send the same batches twice, out of order, or to several collectors at once —
 * what a kiosk's own uploader never does, but a network, a load balancer and a restore can. Plain Node (no vitest):
 * the bench uses it too.
 */
export interface SignedRequest {
  path: string
  body: string
  headers: Record<string, string>
}

const LEVELS = [
  { level: 3, levelKey: 'very_satisfied', levelLabel: 'Rất hài lòng' },
  { level: 2, levelKey: 'satisfied', levelLabel: 'Hài lòng' },
  { level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' },
] as const

export class SimDevice {
  readonly deviceId = crypto.randomUUID()
  readonly records: RatingRecord[] = []
  private readonly signKey = deriveDeviceKeys(crypto.randomBytes(32)).signKey
  private readonly genesisKey = newGenesisKey()
  private head: ChainHead

  constructor(readonly label: string) {
    this.head = genesisHead(this.genesisKey)
  }

  enrollBody(token: string): string {
    return JSON.stringify({ deviceId: this.deviceId, token, signKey: this.signKey, chainKey: this.genesisKey, label: this.label })
  }

  /** Writes `count` chained ratings, `stepMs` apart from `startAt`; every seventh is negative with a reason. */
  rate(count: number, startAt: number, stepMs: number): RatingRecord[] {
    const made: RatingRecord[] = []
    for (let i = 0; i < count; i++) {
      const seq = this.head.seq + 1
      const level = LEVELS[seq % 7 === 0 ? 2 : seq % 3 === 0 ? 1 : 0]
      const record: Omit<RatingRecord, 'link'> = {
        uuid: crypto.randomUUID(),
        seq,
        deviceId: this.deviceId,
        ticketCode: seq % 11 === 0 ? null : `A${String(seq % 10_000).padStart(4, '0')}`,
        counterNumber: 1 + (seq % 4),
        officerId: 1 + (seq % 4),
        officerName: `Cán bộ số ${1 + (seq % 4)}`,
        fieldPrefix: 'A',
        ...level,
        scale: 3,
        reasons: level.level === 1 ? ['slow'] : [],
        comment: level.level === 1 ? 'Chờ quá lâu' : '',
        language: 'vi',
        mode: 'lobby',
        createdAt: startAt + i * stepMs,
      }
      const next = extend(this.head, canonicalJson(record))
      this.head = next.head
      made.push({ ...record, link: next.link })
    }
    this.records.push(...made)
    return made
  }

  /** A signed POST; `nowMs` is the sender's clock, which the collector checks within its window. */
  signed(path: string, body: string, nowMs: number, extra: Record<string, string> = {}): SignedRequest {
    const timestamp = Math.floor(nowMs / 1000)
    const signature = sign(this.signKey, { method: 'POST', path, timestamp, deviceId: this.deviceId, body })
    return {
      path,
      body,
      headers: {
        'content-type': 'application/json',
        [HEADERS.device]: this.deviceId,
        [HEADERS.timestamp]: String(timestamp),
        [HEADERS.signature]: signature,
        ...extra,
      },
    }
  }

  /** POST /v1/batches for these ratings, with the batch id the protocol derives from their uuids. */
  batch(records: readonly RatingRecord[], nowMs: number): SignedRequest & { batchId: string } {
    const batchId = batchIdFor(this.deviceId, records.map((r) => r.uuid))
    const body = JSON.stringify({ deviceId: this.deviceId, batchId, ratings: records })
    return { ...this.signed('/v1/batches', body, nowMs, { [HEADERS.idempotencyKey]: batchId }), batchId }
  }

  /** POST /v1/heartbeat with the head's proof: nothing pending, and the given dead-lettered ratings (none by default). */
  heartbeat(nowMs: number, dead: readonly { record: RatingRecord; reason: string }[] = []): SignedRequest {
    const { seq, link, key } = this.head
    const body = JSON.stringify({
      deviceId: this.deviceId,
      sentAt: nowMs,
      head: { seq, link, proof: headProof(key, seq, link) },
      pendingFromSeq: null,
      pending: 0,
      appVersion: '0.0.0-sim',
      dead,
    })
    return this.signed('/v1/heartbeat', body, nowMs)
  }
}

/** Sends a signed request; resolves with the status and the parsed JSON body (null when it is not JSON). */
export async function send(baseUrl: string, request: SignedRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(request.path, baseUrl), { method: 'POST', headers: request.headers, body: request.body })
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text) as unknown }
  } catch {
    return { status: response.status, body: null }
  }
}

/** A simulated kiosk enrolled with a fresh token of this collector (throws if the collector refuses it). */
export async function enrolledDevice(
  collector: { url: string; createEnrollmentToken(label: string): string },
  label = 'Kiosk 1',
): Promise<SimDevice> {
  const device = new SimDevice(label)
  const token = collector.createEnrollmentToken(device.label)
  const res = await send(collector.url, { path: '/v1/enroll', body: device.enrollBody(token), headers: { 'content-type': 'application/json' } })
  if (res.status !== 200) throw new Error(`enrollment refused: ${res.status} ${JSON.stringify(res.body)}`)
  return device
}
