import { z } from 'zod'
import type { BatchAck } from '../../shared/schemas/upload'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { macEquals, walkChain, type ChainEntry } from './chain-check'
import type { CollectorDb } from './db'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { storeOnce, type IntakeOutcome } from './idempotent'

/** A rating as received: it passed RatingRecordSchema, but its canonical form is computed from these raw values. */
export type RawRating = Record<string, unknown> & { uuid: string; seq: number; link: string }

export type BatchOutcome = IntakeOutcome<BatchAck>

const StoredSchema = z.strictObject({
  uuid: z.string().max(64),
  seq: z.number().int(),
  link: z.string().max(64),
  canonical: z.string(),
})
const EntrySchema = z.strictObject({ link: z.string().max(64), canonical: z.string() })

export function canonicalOf(raw: Record<string, unknown>): string {
  const { link: _link, ...rest } = raw
  return canonicalJson(rest)
}

/** The record at a seq: a delivered rating, else a dead-lettered one from a heartbeat (noting which it was). */
function entryAt(db: CollectorDb, deviceId: string, dead: Set<number>): (seq: number) => ChainEntry | null {
  const rating = db.prepare('SELECT link, canonical FROM ratings WHERE device_id = ? AND seq = ?')
  const deadRecord = db.prepare('SELECT link, canonical FROM dead_records WHERE device_id = ? AND seq = ?')
  return (seq) => {
    const r = rating.get(deviceId, seq)
    if (r !== undefined) return EntrySchema.parse(r)
    const d = deadRecord.get(deviceId, seq)
    if (d === undefined) return null
    dead.add(seq)
    return EntrySchema.parse(d)
  }
}

/** Moves the verified cursor as far as the stored ratings and dead records reach, recording what it finds. */
export function advanceChain(db: CollectorDb, device: DeviceRow): DeviceRow {
  const dead = new Set<number>()
  const walk = walkChain(
    { seq: device.cursor_seq, link: device.cursor_link, key: device.cursor_key },
    entryAt(db, device.device_id, dead),
    1_000_000,
  )
  const markRating = db.prepare('UPDATE ratings SET chain_ok = ? WHERE device_id = ? AND seq = ?')
  const markDead = db.prepare('UPDATE dead_records SET chain_ok = ? WHERE device_id = ? AND seq = ?')
  for (const c of walk.checked) (dead.has(c.seq) ? markDead : markRating).run(c.ok ? 1 : 0, device.device_id, c.seq)
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
  return storeOnce(db, deviceId, batchId, bodyHash, now, (): BatchAck => {
    const byUuid = db.prepare('SELECT uuid, seq, link, canonical FROM ratings WHERE device_id = ? AND uuid = ?')
    const bySeq = db.prepare(
      `SELECT 1 FROM ratings WHERE device_id = @d AND seq = @s
       UNION ALL SELECT 1 FROM dead_records WHERE device_id = @d AND seq = @s AND uuid <> @u`,
    )
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
        if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) {
          results.push({ uuid: raw.uuid, status: 'duplicate' })
          continue
        }
        conflict.run(deviceId, raw.uuid, raw.seq, record, 'changed', now)
        markBad(db, deviceId, Math.min(stored.seq, raw.seq), 'changed')
        results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
        continue
      }
      if (bySeq.get({ d: deviceId, s: raw.seq, u: raw.uuid }) !== undefined) {
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
    return { batchId, results, chain: chainView(db, advanceChain(db, device)) }
  })
}
