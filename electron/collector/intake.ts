import { z } from 'zod'
import type { BatchAck } from '../../shared/schemas/upload'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { raiseAlerts } from './alerts/raise'
import { macEquals, walkChain, type ChainEntry } from './chain-check'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { storeOnce, type IntakeOutcome } from './idempotent'
import { PROJECTION_COLUMNS, projectRating } from './projection'
import type { Sql, SqlValue, Store } from './store/types'

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
    // One UPDATE per table and verdict, not one per record.
    for (const table of ['ratings', 'dead_records'] as const) {
      for (const ok of [1, 0]) {
        const seqs = walk.checked
          .filter((c) => (c.ok ? 1 : 0) === ok && (page.get(c.seq)?.dead === true) === (table === 'dead_records'))
          .map((c) => c.seq)
        for (const part of chunks(seqs)) {
          await db.run(`UPDATE ${table} SET chain_ok = ? WHERE device_id = ? AND seq IN (${marks(part.length)})`, [ok, device.device_id, ...part])
        }
      }
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

const RATING_COLUMNS = ['device_id', 'uuid', 'seq', 'link', 'record', 'canonical', 'received_at', 'batch_id', 'centre_id', ...PROJECTION_COLUMNS]

/** `?, ?, …` for an IN list or a VALUES row. */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** At most this many items per statement: far below SQLite's and PostgreSQL's limits on parameters. */
const CHUNK = 100

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** What the device already holds for a batch's uuids and seqs: one query each, not one per rating. */
async function heldFor(db: Sql, deviceId: string, ratings: readonly RawRating[]) {
  const byUuid = new Map<string, z.infer<typeof StoredSchema>>()
  const ratingSeqs = new Set<number>()
  const deadSeqs = new Map<number, string>()
  for (const part of chunks(ratings)) {
    // By uuid, never by month: the lookup must find the rating in whatever partition holds it.
    const known = await db.all(`SELECT uuid, seq, link, canonical FROM ratings WHERE device_id = ? AND uuid IN (${marks(part.length)})`, [
      deviceId,
      ...part.map((r) => r.uuid),
    ])
    for (const row of known) {
      const stored = StoredSchema.parse(row)
      byUuid.set(stored.uuid, stored)
    }
    const seqs = part.map((r) => r.seq)
    const taken = await db.all(
      `SELECT seq, uuid, 0 AS dead FROM ratings WHERE device_id = ? AND seq IN (${marks(seqs.length)})
       UNION ALL SELECT seq, uuid, 1 AS dead FROM dead_records WHERE device_id = ? AND seq IN (${marks(seqs.length)})`,
      [deviceId, ...seqs, deviceId, ...seqs],
    )
    for (const row of taken) {
      const { seq, uuid, dead } = SeqRowSchema.parse(row)
      if (dead === 1) deadSeqs.set(seq, uuid)
      else ratingSeqs.add(seq)
    }
  }
  return { byUuid, ratingSeqs, deadSeqs }
}

const SeqRowSchema = z.strictObject({ seq: z.number().int(), uuid: z.string().max(64), dead: z.union([z.literal(0), z.literal(1)]) })

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
    const accepted: RawRating[] = []
    const held = await heldFor(tx, deviceId, ratings)
    const rows: SqlValue[][] = []
    for (const raw of ratings) {
      const record = JSON.stringify(raw)
      const canonical = canonicalOf(raw)
      const stored = held.byUuid.get(raw.uuid)
      if (stored !== undefined) {
        if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) {
          results.push({ uuid: raw.uuid, status: 'duplicate' })
          continue
        }
        await conflict(raw, record, 'changed')
        await markBad(tx, deviceId, Math.min(stored.seq, raw.seq), 'changed')
        results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
        continue
      }
      // At or below the verified cursor yet in neither table: its month was detached by retention (PostgreSQL), so
      // it was stored and counted once already (now in the archive). Storing it again would count it twice.
      if (raw.seq <= device.cursor_seq && !held.ratingSeqs.has(raw.seq) && !held.deadSeqs.has(raw.seq)) {
        results.push({ uuid: raw.uuid, status: 'duplicate', reason: 'received before; its month is archived' })
        continue
      }
      const deadUuid = held.deadSeqs.get(raw.seq)
      if (held.ratingSeqs.has(raw.seq) || (deadUuid !== undefined && deadUuid !== raw.uuid)) {
        await conflict(raw, record, 'seq-conflict')
        await markBad(tx, deviceId, raw.seq, 'seq-conflict')
        results.push({ uuid: raw.uuid, status: 'conflict', reason: `seq ${raw.seq} belongs to another rating` })
        continue
      }
      // Taken from here on: a second rating for this seq later in the same batch is a conflict too.
      held.ratingSeqs.add(raw.seq)
      rows.push([deviceId, raw.uuid, raw.seq, raw.link, record, canonical, now, batchId, device.centre_id, ...projectRating(raw)])
      results.push({ uuid: raw.uuid, status: 'stored' })
      accepted.push(raw)
    }
    for (const part of chunks(rows)) {
      // ON CONFLICT DO NOTHING keeps a re-sent rating one row even if two writers raced past the device lock; but
      // the lookup above, under that lock, said these are new, so a row left out means the answer would lie:
      // roll back (500) and let the kiosk send again rather than say "stored" for what was not.
      const inserted = await tx.run(
        `INSERT INTO ratings (${RATING_COLUMNS.join(', ')})
         VALUES ${part.map(() => `(${marks(RATING_COLUMNS.length)})`).join(', ')}
         ON CONFLICT DO NOTHING`,
        part.flat(),
      )
      if (inserted !== part.length) throw new Error(`device ${deviceId}: ${part.length - inserted} rating(s) stored meanwhile`)
    }
    const after = await getDevice(tx, deviceId)
    if (after === null) throw new Error(`unknown device ${deviceId}`)
    const walked = await advanceChain(tx, after)
    await raiseAlerts(tx, device, walked, accepted, now)
    return { batchId, results, chain: await chainView(tx, walked) }
  })
}
