import { z } from 'zod'
import type { ChainView, Heartbeat } from '../../shared/schemas/upload'
import { headProof } from '../../shared/protocol/signing'
import { keyAfter, macEquals, MAX_HEAD_STEPS } from './chain-check'
import type { CollectorDb } from './db'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { advanceChain, canonicalOf, type RawRating } from './intake'

/** A dead-lettered rating from a heartbeat: the record as received, and why the device holds it back. */
export interface RawDead {
  record: RawRating
  reason: string
}

export type HeartbeatOutcome =
  | { kind: 'recorded'; chain: ChainView }
  /** Not newer than the last accepted heartbeat (a replay inside the signature window): nothing recorded. */
  | { kind: 'ignored'; chain: ChainView }
  /** The head is more than MAX_HEAD_STEPS beyond any key the collector holds: its proof is not computed. */
  | { kind: 'too-far' }

const StoredSchema = z.strictObject({ uuid: z.string().max(64), seq: z.number().int(), link: z.string().max(64), canonical: z.string() })

/**
 * Keeps dead-lettered ratings as evidence, whole, so the chain walk checks their links like any other rating:
 * marking a rating dead on the kiosk cannot hide it or what was done to it. The same record again changes
 * nothing; other content under a known uuid or seq is a conflict, recorded once.
 */
function storeDead(db: CollectorDb, deviceId: string, dead: readonly RawDead[], now: number): void {
  const ratingByUuid = db.prepare('SELECT uuid, seq, link, canonical FROM ratings WHERE device_id = ? AND uuid = ?')
  const deadByUuid = db.prepare('SELECT uuid, seq, link, canonical FROM dead_records WHERE device_id = ? AND uuid = ?')
  const seqTaken = db.prepare(
    `SELECT 1 FROM ratings WHERE device_id = @d AND seq = @s AND uuid <> @u
     UNION ALL SELECT 1 FROM dead_records WHERE device_id = @d AND seq = @s AND uuid <> @u`,
  )
  const insert = db.prepare(
    `INSERT INTO dead_records (device_id, uuid, seq, link, record, canonical, reason, reported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const conflictOnce = db.prepare(
    `INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at)
     SELECT @d, @u, @s, @record, @reason, @now
      WHERE NOT EXISTS (SELECT 1 FROM conflicts
                         WHERE device_id = @d AND uuid = @u AND record = @record AND reason = @reason)`,
  )
  for (const { record: raw, reason } of dead) {
    const record = JSON.stringify(raw)
    const canonical = canonicalOf(raw)
    const known = ratingByUuid.get(deviceId, raw.uuid) ?? deadByUuid.get(deviceId, raw.uuid)
    if (known !== undefined) {
      const stored = StoredSchema.parse(known)
      if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) continue
      conflictOnce.run({ d: deviceId, u: raw.uuid, s: raw.seq, record, reason: 'changed', now })
      markBad(db, deviceId, Math.min(stored.seq, raw.seq), 'changed')
      continue
    }
    if (seqTaken.get({ d: deviceId, s: raw.seq, u: raw.uuid }) !== undefined) {
      conflictOnce.run({ d: deviceId, u: raw.uuid, s: raw.seq, record, reason: 'seq-conflict', now })
      markBad(db, deviceId, raw.seq, 'seq-conflict')
      continue
    }
    insert.run(deviceId, raw.uuid, raw.seq, raw.link, record, canonical, reason.slice(0, 1000), now)
  }
}

/**
 * Records a heartbeat: ignored unless newer than the last accepted one (a replay cannot leave a false finding);
 * then its dead-lettered ratings, then its head. The head must carry a proof made with key_{seq+1} — a head
 * rolled back over deleted rows cannot — and must not be behind what the collector already holds. Deleted unsent
 * rows at the tail show up as a gap below the reported head.
 */
export function recordHeartbeat(db: CollectorDb, hb: Heartbeat, dead: readonly RawDead[], now: number): HeartbeatOutcome {
  return db
    .transaction((): HeartbeatOutcome => {
      let device = mustGet(db, hb.deviceId)
      if (device.hb_sent_at !== null && hb.sentAt <= device.hb_sent_at) {
        return { kind: 'ignored', chain: chainView(db, device) }
      }
      storeDead(db, hb.deviceId, dead, now)
      device = advanceChain(db, device)

      const { seq, link, proof } = hb.head
      const maxHeld = z
        .number()
        .int()
        .nullable()
        .parse(
          db
            .prepare(
              `SELECT max(seq) FROM (SELECT seq FROM ratings WHERE device_id = @d
                                     UNION ALL SELECT seq FROM dead_records WHERE device_id = @d)`,
            )
            .pluck()
            .get({ d: hb.deviceId }),
        )
      let proofOk = false
      if (maxHeld === null || seq >= maxHeld) {
        // The nearest key at or below the head: the verified cursor, or the one cached at the last head.
        const cache = device.key_cache_seq !== null && device.key_cache !== null && device.key_cache_seq <= seq
        const base =
          cache && (device.key_cache_seq ?? 0) > device.cursor_seq
            ? { seq: device.key_cache_seq ?? 0, key: device.key_cache ?? '' }
            : { seq: device.cursor_seq, key: device.cursor_key }
        const key = keyAfter(base, seq, MAX_HEAD_STEPS)
        if (key === null) return { kind: 'too-far' }
        proofOk = macEquals(headProof(key, seq, link), proof)
        db.prepare('UPDATE devices SET key_cache_seq = ?, key_cache = ? WHERE device_id = ?').run(seq, key, hb.deviceId)
      }
      const atHead = db
        .prepare(
          `SELECT link FROM ratings WHERE device_id = @d AND seq = @s
           UNION ALL SELECT link FROM dead_records WHERE device_id = @d AND seq = @s LIMIT 1`,
        )
        .pluck()
        .get({ d: hb.deviceId, s: seq })
      if (!proofOk || (typeof atHead === 'string' && !macEquals(atHead, link))) markBad(db, hb.deviceId, seq + 1, 'head')
      db.prepare(
        'INSERT INTO heartbeats (device_id, at, seq, link, pending_from, pending, proof_ok) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(hb.deviceId, now, seq, link, hb.pendingFromSeq, hb.pending, proofOk ? 1 : 0)
      db.prepare(
        `UPDATE devices SET hb_at = ?, hb_seq = ?, hb_pending_from = ?, hb_pending = ?, hb_app_version = ?,
                            hb_sent_at = ?
          WHERE device_id = ?`,
      ).run(now, seq, hb.pendingFromSeq, hb.pending, hb.appVersion, hb.sentAt, hb.deviceId)
      return { kind: 'recorded', chain: chainView(db, mustGet(db, hb.deviceId)) }
    })
    .immediate()
}

function mustGet(db: CollectorDb, deviceId: string): DeviceRow {
  const device = getDevice(db, deviceId)
  if (device === null) throw new Error(`unknown device ${deviceId}`)
  return device
}
