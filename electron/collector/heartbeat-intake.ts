import { z } from 'zod'
import type { ChainView, Heartbeat } from '../../shared/schemas/upload'
import { headProof } from '../../shared/protocol/signing'
import { keyAfter, macEquals, MAX_HEAD_STEPS } from './chain-check'
import { alertWrites } from './alerts/raise'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { runWrites, type Write } from './idempotent'
import { advanceChain, canonicalOf, type RawRating } from './intake'
import { deviceWrite, lookup, verdictWrites, viewOf, walkKnown, withFinding } from './intake-held'
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
 *
 * Round trips, as for a batch (intake.ts): the device row, one lookup (intake-held.ts: the walk's window, the
 * highest seq held, the record at the head's seq, the dead-only seqs), the walk and the proof in memory, then every
 * write — verdicts, the device's cursor, finding, key cache and heartbeat fields, the heartbeat row, alerts — in
 * one writeAll. Dead-lettered records (rare) and a walk longer than the lookup's window cost more.
 */
export function recordHeartbeat(
  db: Pick<Store, 'tx'>,
  hb: Heartbeat,
  dead: readonly RawDead[],
  now: number,
): Promise<HeartbeatOutcome> {
  return db.tx(async (tx): Promise<HeartbeatOutcome> => {
    await tx.lockDevice(hb.deviceId)
    const before = await mustGet(tx, hb.deviceId)
    if (before.hb_sent_at !== null && hb.sentAt <= before.hb_sent_at) {
      return { kind: 'ignored', chain: await chainView(tx, before) }
    }
    let device = before
    if (dead.length > 0) {
      await storeDead(tx, hb.deviceId, dead, now)
      // storeDead may have recorded a finding: what follows builds on the row as it is now.
      device = await mustGet(tx, hb.deviceId)
    }
    const { seq, link, proof } = hb.head
    // The head's seq is looked up like a batch's own: the record held there, if any, is in held.walk.
    const held = await lookup(tx, device, [{ uuid: '', seq }])
    const walk = walkKnown(device, held)
    let after: DeviceRow = { ...device, cursor_seq: walk.cursor.seq, cursor_link: walk.cursor.link, cursor_key: walk.cursor.key }
    if (walk.firstBadLink !== null) after = withFinding(after, { seq: walk.firstBadLink, reason: 'link' })
    const writes: Write[] = verdictWrites(hb.deviceId, walk.checked, held.walk)
    if (!walk.complete) {
      // The walk ran past what was read: store what it has, then go on through the stored rows page by page.
      await runWrites(tx, [...writes.splice(0), deviceWrite(after)], hb.deviceId)
      after = await advanceChain(tx, after)
    }

    let proofOk = false
    if (held.maxSeq === null || seq >= held.maxSeq) {
      // The nearest key at or below the head: the verified cursor, or the one cached at the last head.
      const cache = after.key_cache_seq !== null && after.key_cache !== null && after.key_cache_seq <= seq
      const base =
        cache && (after.key_cache_seq ?? 0) > after.cursor_seq
          ? { seq: after.key_cache_seq ?? 0, key: after.key_cache ?? '' }
          : { seq: after.cursor_seq, key: after.cursor_key }
      const key = keyAfter(base, seq, MAX_HEAD_STEPS)
      if (key === null) {
        // Refused, but what the walk found is kept (as it was before this heartbeat was read whole).
        await runWrites(tx, [...writes, deviceWrite(after)], hb.deviceId)
        return { kind: 'too-far' }
      }
      proofOk = macEquals(headProof(key, seq, link), proof)
      after = { ...after, key_cache_seq: seq, key_cache: key }
    }
    const atHead = held.walk.get(seq)
    if (!proofOk || (atHead !== undefined && !macEquals(atHead.link, link))) after = withFinding(after, { seq: seq + 1, reason: 'head' })
    after = { ...after, hb_at: now, hb_seq: seq, hb_pending_from: hb.pendingFromSeq, hb_pending: hb.pending, hb_app_version: hb.appVersion, hb_sent_at: hb.sentAt }
    writes.push(heartbeatDeviceWrite(after), {
      sql: 'INSERT INTO heartbeats (device_id, at, seq, link, pending_from, pending, proof_ok) VALUES (?, ?, ?, ?, ?, ?, ?)',
      params: [hb.deviceId, now, seq, link, hb.pendingFromSeq, hb.pending, proofOk ? 1 : 0],
    })
    writes.push(...alertWrites(before, after, [], now))
    await runWrites(tx, writes, hb.deviceId)
    return { kind: 'recorded', chain: walk.complete ? viewOf(after, held, []) : await chainView(tx, after) }
  })
}

/** Everything a heartbeat changes on the device row, worked out in memory under the lock. */
function heartbeatDeviceWrite(d: DeviceRow): Write {
  return {
    sql: `UPDATE devices SET cursor_seq = ?, cursor_link = ?, cursor_key = ?, bad_seq = ?, bad_reason = ?, key_cache_seq = ?,
            key_cache = ?, hb_at = ?, hb_seq = ?, hb_pending_from = ?, hb_pending = ?, hb_app_version = ?, hb_sent_at = ?
          WHERE device_id = ?`,
    params: [
      d.cursor_seq, d.cursor_link, d.cursor_key, d.bad_seq, d.bad_reason, d.key_cache_seq,
      d.key_cache, d.hb_at, d.hb_seq, d.hb_pending_from, d.hb_pending, d.hb_app_version, d.hb_sent_at, d.device_id,
    ],
    expected: 1,
    what: 'updating the device',
  }
}

async function mustGet(db: Sql, deviceId: string): Promise<DeviceRow> {
  const device = await getDevice(db, deviceId)
  if (device === null) throw new Error(`unknown device ${deviceId}`)
  return device
}
