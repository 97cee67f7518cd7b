import { z } from 'zod'
import type { BatchAck } from '../../shared/schemas/upload'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { raiseAlerts } from './alerts/raise'
import { macEquals, walkChain, type ChainEntry } from './chain-check'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { storeOnce, type IntakeOutcome } from './idempotent'
import { PROJECTION_COLUMNS, projectRating } from './projection'
import type { Sql, Store } from './store/types'

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

/** The records from a seq on: delivered ratings, else dead-lettered ones from heartbeats (noting which they were). */
async function entriesFrom(db: Sql, deviceId: string, from: number, count: number) {
  const rows = await db.all(
    `SELECT seq, link, canonical, 0 AS dead FROM ratings WHERE device_id = ? AND seq >= ? AND seq < ?
     UNION ALL
     SELECT seq, link, canonical, 1 AS dead FROM dead_records WHERE device_id = ? AND seq >= ? AND seq < ?
     ORDER BY seq, dead`,
    [deviceId, from, from + count, deviceId, from, from + count],
  )
  const entries = new Map<number, ChainEntry & { dead: boolean }>()
  for (const row of rows) {
    const seq = z.number().int().parse(row.seq)
    // A delivered rating wins over a dead record of the same seq (rows come delivered first).
    if (!entries.has(seq)) entries.set(seq, { ...EntrySchema.parse({ link: row.link, canonical: row.canonical }), dead: row.dead === 1 })
  }
  return entries
}

/** How many records the walk reads per query: one round trip per page instead of one per seq. */
const WALK_PAGE = 500

/** Moves the verified cursor as far as the stored ratings and dead records reach, recording what it finds. */
export async function advanceChain(db: Sql, device: DeviceRow): Promise<DeviceRow> {
  let cursor = { seq: device.cursor_seq, link: device.cursor_link, key: device.cursor_key }
  let firstBadLink: number | null = null
  for (;;) {
    const page = await entriesFrom(db, device.device_id, cursor.seq + 1, WALK_PAGE)
    const walk = walkChain(cursor, (seq) => page.get(seq) ?? null, WALK_PAGE)
    for (const c of walk.checked) {
      const table = page.get(c.seq)?.dead === true ? 'dead_records' : 'ratings'
      await db.run(`UPDATE ${table} SET chain_ok = ? WHERE device_id = ? AND seq = ?`, [c.ok ? 1 : 0, device.device_id, c.seq])
    }
    firstBadLink ??= walk.firstBadLink
    cursor = walk.cursor
    if (walk.checked.length < WALK_PAGE) break
  }
  await db.run('UPDATE devices SET cursor_seq = ?, cursor_link = ?, cursor_key = ? WHERE device_id = ?', [
    cursor.seq,
    cursor.link,
    cursor.key,
    device.device_id,
  ])
  if (firstBadLink !== null) await markBad(db, device.device_id, firstBadLink, 'link')
  const updated = await getDevice(db, device.device_id)
  if (updated === null) throw new Error('device vanished')
  return updated
}

const INSERT_RATING = `INSERT INTO ratings (device_id, uuid, seq, link, record, canonical, received_at, batch_id, centre_id,
                                           ${PROJECTION_COLUMNS.join(', ')})
  VALUES (${Array.from({ length: 9 + PROJECTION_COLUMNS.length }, () => '?').join(', ')})
  ON CONFLICT DO NOTHING`

/**
 * Stores a batch in one transaction: replays the stored answer for a known Idempotency-Key, dedupes by rating
 * uuid, refuses a second rating for a taken seq, then walks the chain. Every rating that is not a conflict is
 * stored, even if its link is bad — it is evidence, and the device must not hold it back forever. The rating's
 * centre is the device's at the time it arrives, so reports need no join and a device moved later keeps its past.
 */
export function acceptBatch(
  db: Pick<Store, 'tx'>,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  ratings: readonly RawRating[],
  now: number,
): Promise<BatchOutcome> {
  return storeOnce(db, deviceId, batchId, bodyHash, now, async (tx): Promise<BatchAck> => {
    const device = await getDevice(tx, deviceId)
    if (device === null) throw new Error(`unknown device ${deviceId}`)
    const conflict = (raw: RawRating, record: string, reason: string) =>
      tx.run('INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)', [
        deviceId,
        raw.uuid,
        raw.seq,
        record,
        reason,
        now,
      ])
    const results: BatchAck['results'] = []
    const stored: RawRating[] = []
    for (const raw of ratings) {
      const record = JSON.stringify(raw)
      const canonical = canonicalOf(raw)
      // By uuid, never by month: the lookup must find the rating in whatever partition holds it.
      const sameUuid = await tx.get('SELECT uuid, seq, link, canonical FROM ratings WHERE device_id = ? AND uuid = ?', [
        deviceId,
        raw.uuid,
      ])
      if (sameUuid !== undefined) {
        const stored = StoredSchema.parse(sameUuid)
        if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) {
          results.push({ uuid: raw.uuid, status: 'duplicate' })
          continue
        }
        await conflict(raw, record, 'changed')
        await markBad(tx, deviceId, Math.min(stored.seq, raw.seq), 'changed')
        results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
        continue
      }
      const seqTaken = await tx.value(
        `SELECT 1 FROM ratings WHERE device_id = ? AND seq = ?
         UNION ALL SELECT 1 FROM dead_records WHERE device_id = ? AND seq = ? AND uuid <> ?`,
        [deviceId, raw.seq, deviceId, raw.seq, raw.uuid],
      )
      if (seqTaken !== undefined) {
        await conflict(raw, record, 'seq-conflict')
        await markBad(tx, deviceId, raw.seq, 'seq-conflict')
        results.push({ uuid: raw.uuid, status: 'conflict', reason: `seq ${raw.seq} belongs to another rating` })
        continue
      }
      const values = [deviceId, raw.uuid, raw.seq, raw.link, record, canonical, now, batchId, device.centre_id]
      await tx.run(INSERT_RATING, [...values, ...projectRating(raw)])
      results.push({ uuid: raw.uuid, status: 'stored' })
      stored.push(raw)
    }
    const after = await getDevice(tx, deviceId)
    if (after === null) throw new Error(`unknown device ${deviceId}`)
    const walked = await advanceChain(tx, after)
    await raiseAlerts(tx, device, walked, stored, now)
    return { batchId, results, chain: await chainView(tx, walked) }
  })
}
