import { z } from 'zod'
import type { BatchAck, ChainView, Heartbeat } from '../../shared/schemas/upload'
import { canonicalJson } from '../core/ratings/chain'
import { headProof } from '../core/upload/signing'
import { keyAfter, walkChain, type ChainEntry } from './chain-check'
import type { CollectorDb } from './db'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'

/** How long an Idempotency-Key is remembered (the protocol promises at least this). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

/** A rating as received: it passed RatingRecordSchema, but its canonical form is computed from these raw values. */
export type RawRating = Record<string, unknown> & { uuid: string; seq: number; link: string }

export type BatchOutcome = { kind: 'ack'; ack: BatchAck; replayed: boolean } | { kind: 'key-reused' }

const StoredSchema = z.strictObject({
  uuid: z.string().max(64),
  seq: z.number().int(),
  link: z.string().max(64),
  canonical: z.string(),
})
const EntrySchema = z.strictObject({ link: z.string().max(64), canonical: z.string() })

function canonicalOf(raw: Record<string, unknown>): string {
  const { link: _link, ...rest } = raw
  return canonicalJson(rest)
}

function entryAt(db: CollectorDb, deviceId: string): (seq: number) => ChainEntry | null {
  const rating = db.prepare('SELECT link, canonical FROM ratings WHERE device_id = ? AND seq = ?')
  const stub = db.prepare('SELECT link FROM dead_stubs WHERE device_id = ? AND seq = ?')
  return (seq) => {
    const r = rating.get(deviceId, seq)
    if (r !== undefined) return { kind: 'record', ...EntrySchema.parse(r) }
    const s = stub.pluck().get(deviceId, seq)
    return typeof s === 'string' ? { kind: 'stub', link: s } : null
  }
}

/** Moves the verified cursor as far as the stored ratings and stubs reach, recording what it finds. */
export function advanceChain(db: CollectorDb, device: DeviceRow): DeviceRow {
  const walk = walkChain(
    { seq: device.cursor_seq, link: device.cursor_link, key: device.cursor_key },
    entryAt(db, device.device_id),
    1_000_000,
  )
  const mark = db.prepare('UPDATE ratings SET chain_ok = ? WHERE device_id = ? AND seq = ?')
  for (const c of walk.checked) mark.run(c.ok ? 1 : 0, device.device_id, c.seq)
  db.prepare('UPDATE devices SET cursor_seq = ?, cursor_link = ?, cursor_key = ? WHERE device_id = ?').run(
    walk.cursor.seq,
    walk.cursor.link,
    walk.cursor.key,
    device.device_id,
  )
  if (walk.firstBadLink !== null) markBad(db, device.device_id, walk.firstBadLink, 'link')
  const updated = getDevice(db, device.device_id)
  if (updated === null) throw new Error('device vanished')
  return updated
}

/**
 * Stores a batch in one transaction: replays the stored answer for a known Idempotency-Key, dedupes by rating
 * uuid, refuses a second rating for a taken seq, then walks the chain. Every rating that is not a conflict is
 * stored, even if its link is bad — it is evidence, and the device must not hold it back forever.
 */
export function acceptBatch(
  db: CollectorDb,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  ratings: readonly RawRating[],
  now: number,
): BatchOutcome {
  return db
    .transaction((): BatchOutcome => {
      db.prepare('DELETE FROM batches WHERE received_at < ?').run(now - IDEMPOTENCY_WINDOW_MS)
      const seen = db
        .prepare('SELECT body_hash, response FROM batches WHERE device_id = ? AND batch_id = ?')
        .get(deviceId, batchId) as { body_hash: string; response: string } | undefined
      if (seen !== undefined) {
        if (seen.body_hash !== bodyHash) return { kind: 'key-reused' }
        return { kind: 'ack', ack: JSON.parse(seen.response) as BatchAck, replayed: true }
      }
      const byUuid = db.prepare('SELECT uuid, seq, link, canonical FROM ratings WHERE device_id = ? AND uuid = ?')
      const bySeq = db.prepare('SELECT 1 FROM ratings WHERE device_id = ? AND seq = ?')
      const insert = db.prepare(
        `INSERT INTO ratings (device_id, uuid, seq, link, record, canonical, received_at, batch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      const conflict = db.prepare(
        'INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      const results: BatchAck['results'] = []
      for (const raw of ratings) {
        const record = JSON.stringify(raw)
        const canonical = canonicalOf(raw)
        const sameUuid = byUuid.get(deviceId, raw.uuid)
        if (sameUuid !== undefined) {
          const stored = StoredSchema.parse(sameUuid)
          if (stored.seq === raw.seq && stored.link === raw.link && stored.canonical === canonical) {
            results.push({ uuid: raw.uuid, status: 'duplicate' })
            continue
          }
          conflict.run(deviceId, raw.uuid, raw.seq, record, 'changed', now)
          markBad(db, deviceId, Math.min(stored.seq, raw.seq), 'changed')
          results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
          continue
        }
        if (bySeq.get(deviceId, raw.seq) !== undefined) {
          conflict.run(deviceId, raw.uuid, raw.seq, record, 'seq-conflict', now)
          markBad(db, deviceId, raw.seq, 'seq-conflict')
          results.push({ uuid: raw.uuid, status: 'conflict', reason: `seq ${raw.seq} belongs to another rating` })
          continue
        }
        insert.run(deviceId, raw.uuid, raw.seq, raw.link, record, canonical, now, batchId)
        results.push({ uuid: raw.uuid, status: 'stored' })
      }
      const device = getDevice(db, deviceId)
      if (device === null) throw new Error(`unknown device ${deviceId}`)
      const ack: BatchAck = { batchId, results, chain: chainView(db, advanceChain(db, device)) }
      db.prepare(
        'INSERT INTO batches (device_id, batch_id, body_hash, response, received_at) VALUES (?, ?, ?, ?, ?)',
      ).run(deviceId, batchId, bodyHash, JSON.stringify(ack), now)
      return { kind: 'ack', ack, replayed: false }
    })
    .immediate()
}

/**
 * Records a heartbeat: the device's dead-letter stubs (so the chain check can pass them), then its head. The head
 * must carry a proof made with key_{seq+1} — a head rolled back over deleted rows cannot — and must not be behind
 * what the collector already holds. Deleted unsent rows at the tail show up as a gap below the reported head.
 */
export function recordHeartbeat(db: CollectorDb, hb: Heartbeat, now: number): ChainView {
  return db
    .transaction((): ChainView => {
      const stub = db.prepare(
        `INSERT OR IGNORE INTO dead_stubs (device_id, seq, uuid, link, reported_at)
         SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ratings WHERE device_id = ? AND seq = ?)`,
      )
      for (const d of hb.dead) stub.run(hb.deviceId, d.seq, d.uuid, d.link, now, hb.deviceId, d.seq)
      let device = getDevice(db, hb.deviceId)
      if (device === null) throw new Error(`unknown device ${hb.deviceId}`)
      device = advanceChain(db, device)

      const { seq, link, proof } = hb.head
      const from =
        seq >= device.cursor_seq ? { seq: device.cursor_seq, key: device.cursor_key } : { seq: 0, key: device.chain_key }
      const key = keyAfter(from, seq)
      const proofOk = key !== null && headProof(key, seq, link) === proof
      const maxStored = z
        .number()
        .int()
        .nullable()
        .parse(db.prepare('SELECT max(seq) FROM ratings WHERE device_id = ?').pluck().get(hb.deviceId))
      const storedAtHead = db
        .prepare('SELECT link FROM ratings WHERE device_id = ? AND seq = ?')
        .pluck()
        .get(hb.deviceId, seq)
      if (!proofOk || (maxStored !== null && seq < maxStored) || (typeof storedAtHead === 'string' && storedAtHead !== link)) {
        markBad(db, hb.deviceId, seq + 1, 'head')
      }
      db.prepare(
        'INSERT INTO heartbeats (device_id, at, seq, link, pending_from, pending, proof_ok) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(hb.deviceId, now, seq, link, hb.pendingFromSeq, hb.pending, proofOk ? 1 : 0)
      db.prepare(
        `UPDATE devices SET hb_at = ?, hb_seq = ?, hb_pending_from = ?, hb_pending = ?, hb_app_version = ?
          WHERE device_id = ?`,
      ).run(now, seq, hb.pendingFromSeq, hb.pending, hb.appVersion, hb.deviceId)
      const updated = getDevice(db, hb.deviceId)
      if (updated === null) throw new Error('device vanished')
      return chainView(db, updated)
    })
    .immediate()
}
