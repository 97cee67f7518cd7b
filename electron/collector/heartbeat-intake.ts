import { z } from 'zod'
import type { ChainView, Heartbeat } from '../../shared/schemas/upload'
import { headProof } from '../../shared/protocol/signing'
import { keyAfter, macEquals, MAX_HEAD_STEPS } from './chain-check'
import { raiseAlerts } from './alerts/raise'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { advanceChain, canonicalOf, type RawRating } from './intake'
import type { Sql, Store } from './store/types'

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
async function storeDead(db: Sql, deviceId: string, dead: readonly RawDead[], now: number): Promise<void> {
  const byUuid = (table: 'ratings' | 'dead_records', uuid: string) =>
    db.get(`SELECT uuid, seq, link, canonical FROM ${table} WHERE device_id = ? AND uuid = ?`, [deviceId, uuid])
  const conflictOnce = (raw: RawRating, record: string, reason: string) =>
    db.run(
      `INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at)
       SELECT ?, ?, ?, ?, ?, ?
        WHERE NOT EXISTS (SELECT 1 FROM conflicts WHERE device_id = ? AND uuid = ? AND record = ? AND reason = ?)`,
      [deviceId, raw.uuid, raw.seq, record, reason, now, deviceId, raw.uuid, record, reason],
    )
  for (const { record: raw, reason } of dead) {
    const record = JSON.stringify(raw)
    const canonical = canonicalOf(raw)
    const known = (await byUuid('ratings', raw.uuid)) ?? (await byUuid('dead_records', raw.uuid))
    if (known !== undefined) {
      const stored = StoredSchema.parse(known)
      if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) continue
      await conflictOnce(raw, record, 'changed')
      await markBad(db, deviceId, Math.min(stored.seq, raw.seq), 'changed')
      continue
    }
    const seqTaken = await db.value(
      `SELECT 1 FROM ratings WHERE device_id = ? AND seq = ? AND uuid <> ?
       UNION ALL SELECT 1 FROM dead_records WHERE device_id = ? AND seq = ? AND uuid <> ?`,
      [deviceId, raw.seq, raw.uuid, deviceId, raw.seq, raw.uuid],
    )
    if (seqTaken !== undefined) {
      await conflictOnce(raw, record, 'seq-conflict')
      await markBad(db, deviceId, raw.seq, 'seq-conflict')
      continue
    }
    await db.run(
      `INSERT INTO dead_records (device_id, uuid, seq, link, record, canonical, reason, reported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [deviceId, raw.uuid, raw.seq, raw.link, record, canonical, reason.slice(0, 1000), now],
    )
  }
}

/**
 * Records a heartbeat: ignored unless newer than the last accepted one (a replay cannot leave a false finding);
 * then its dead-lettered ratings, then its head. The head must carry a proof made with key_{seq+1} — a head
 * rolled back over deleted rows cannot — and must not be behind what the collector already holds. Deleted unsent
 * rows at the tail show up as a gap below the reported head.
 */
export function recordHeartbeat(
  db: Pick<Store, 'tx'>,
  hb: Heartbeat,
  dead: readonly RawDead[],
  now: number,
): Promise<HeartbeatOutcome> {
  return db.tx(async (tx): Promise<HeartbeatOutcome> => {
    await tx.lockDevice(hb.deviceId)
    let device = await mustGet(tx, hb.deviceId)
    const before = device
    if (device.hb_sent_at !== null && hb.sentAt <= device.hb_sent_at) {
      return { kind: 'ignored', chain: await chainView(tx, device) }
    }
    await storeDead(tx, hb.deviceId, dead, now)
    device = await advanceChain(tx, device)

    const { seq, link, proof } = hb.head
    const maxHeld = z
      .number()
      .int()
      .nullable()
      .parse(
        await tx.value(
          `SELECT max(seq) FROM (SELECT seq FROM ratings WHERE device_id = ?
                                 UNION ALL SELECT seq FROM dead_records WHERE device_id = ?) AS held`,
          [hb.deviceId, hb.deviceId],
        ),
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
      await tx.run('UPDATE devices SET key_cache_seq = ?, key_cache = ? WHERE device_id = ?', [seq, key, hb.deviceId])
    }
    const atHead = await tx.value(
      `SELECT link FROM ratings WHERE device_id = ? AND seq = ?
       UNION ALL SELECT link FROM dead_records WHERE device_id = ? AND seq = ? LIMIT 1`,
      [hb.deviceId, seq, hb.deviceId, seq],
    )
    if (!proofOk || (typeof atHead === 'string' && !macEquals(atHead, link))) await markBad(tx, hb.deviceId, seq + 1, 'head')
    await tx.run(
      'INSERT INTO heartbeats (device_id, at, seq, link, pending_from, pending, proof_ok) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [hb.deviceId, now, seq, link, hb.pendingFromSeq, hb.pending, proofOk ? 1 : 0],
    )
    await tx.run(
      `UPDATE devices SET hb_at = ?, hb_seq = ?, hb_pending_from = ?, hb_pending = ?, hb_app_version = ?, hb_sent_at = ?
        WHERE device_id = ?`,
      [now, seq, hb.pendingFromSeq, hb.pending, hb.appVersion, hb.sentAt, hb.deviceId],
    )
    const after = await mustGet(tx, hb.deviceId)
    await raiseAlerts(tx, before, after, [], now)
    return { kind: 'recorded', chain: await chainView(tx, after) }
  })
}

async function mustGet(db: Sql, deviceId: string): Promise<DeviceRow> {
  const device = await getDevice(db, deviceId)
  if (device === null) throw new Error(`unknown device ${deviceId}`)
  return device
}
