import { z } from 'zod'
import type { RatingRecord } from '../../shared/schemas/rating'
import type { BatchAck } from '../../shared/schemas/upload'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { alertWrites } from './alerts/raise'
import { macEquals, walkChain, type ChainEntry } from './chain-check'
import { chainView, getDevice, markBad, type DeviceRow } from './devices'
import { runWrites, storeOnce, type IntakeOutcome, type Stored, type Write } from './idempotent'
import { archivedVerdict, deviceWrite, lookup, verdictWrites, viewOf, walkKnown, withFinding, type Finding } from './intake-held'
import { PROJECTION_COLUMNS, projectParsed } from './projection'
import type { Sql, SqlValue, Store } from './store/types'

/** A rating as received: it passed RatingRecordSchema, but its canonical form is computed from these raw values. */
export type RawRating = Record<string, unknown> & { uuid: string; seq: number; link: string }

export type BatchOutcome = IntakeOutcome<BatchAck>

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

const RATING_COLUMNS = ['device_id', 'uuid', 'seq', 'link', 'record', 'canonical', 'received_at', 'batch_id', 'centre_id', 'chain_ok', ...PROJECTION_COLUMNS]

/** `?, ?, …` for an IN list or a VALUES row. */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** At most this many items per statement: far below SQLite's and PostgreSQL's limits on parameters. */
const CHUNK = 100

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** What the device is told when an archived seq comes back different (status 'conflict': it keeps the rating). */
const ARCHIVED_REASONS = {
  changed: 'this rating was received before with other content (its month is archived)',
  'seq-conflict': 'this seq belongs to another rating (its month is archived)',
  unverifiable: 'this seq was received before and archived without a fingerprint: it cannot be compared, so it is not accepted',
} as const

/** A rating as received and as parsed by the server (once): the raw values for its canonical form, the parsed ones for the rest. */
export interface IncomingRating {
  raw: RawRating
  rating: RatingRecord
}

/**
 * Stores a batch in one transaction: replays the stored answer for a known Idempotency-Key, dedupes by rating
 * uuid, refuses a second rating for a taken seq, then walks the chain. Every rating that is not a conflict is
 * stored, even if its link is bad — it is evidence, and the device must not hold it back forever. The rating's
 * centre is the device's at the time it arrives, so reports need no join and a device moved later keeps its past.
 *
 * Round trips: the device row and the key in one query (storeOnce), what the device holds in one (lookup.ts), the
 * chain walked in memory over those rows and the batch's own, so each new row is inserted with its verdict; then
 * every write — ratings, conflicts, the device's cursor and finding, alerts, the key — in one writeAll.
 */
export function acceptBatch(
  db: Pick<Store, 'tx'>,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  ratings: readonly IncomingRating[],
  now: number,
): Promise<BatchOutcome> {
  return storeOnce(db, deviceId, batchId, bodyHash, now, async (tx, device): Promise<Stored<BatchAck>> => {
    const held = await lookup(tx, device, ratings.map((r) => r.raw))
    const results: BatchAck['results'] = []
    const conflicts: SqlValue[][] = []
    const findings: Finding[] = []
    const fresh: { incoming: IncomingRating; record: string; canonical: string }[] = []
    for (const incoming of ratings) {
      const { raw } = incoming
      const record = JSON.stringify(raw)
      const canonical = canonicalOf(raw)
      const stored = held.byUuid.get(raw.uuid)
      if (stored !== undefined) {
        if (stored.seq === raw.seq && macEquals(stored.link, raw.link) && stored.canonical === canonical) {
          results.push({ uuid: raw.uuid, status: 'duplicate' })
          continue
        }
        conflicts.push([deviceId, raw.uuid, raw.seq, record, 'changed', now])
        findings.push({ seq: Math.min(stored.seq, raw.seq), reason: 'changed' })
        results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
        continue
      }
      // Archived (its month detached by retention, PostgreSQL), or at or below the verified cursor yet in neither
      // live table: it was stored and counted once already. Never stored again; compared with its fingerprint.
      const passed = raw.seq <= device.cursor_seq && !held.ratingSeqs.has(raw.seq) && !held.deadSeqs.has(raw.seq)
      if (passed || held.archived.byUuid.has(raw.uuid) || held.archived.bySeq.has(raw.seq)) {
        const archived = archivedVerdict(held, raw, canonical)
        if (archived === 'duplicate') {
          // Its fingerprint matched, so this is the archived rating itself, whole again: the walk may check its link
          // like a live one. Without it a gap whose later side was archived (the kiosk re-sends 5 after 4 arrived
          // late) stays open for good, and nothing the device sends after it is ever verified. Nothing is stored.
          if (!held.walk.has(raw.seq)) held.walk.set(raw.seq, { link: raw.link, canonical, dead: false, fresh: true })
          results.push({ uuid: raw.uuid, status: 'duplicate', reason: 'received before; its month is archived' })
          continue
        }
        conflicts.push([deviceId, raw.uuid, raw.seq, record, archived, now])
        // A mismatch is evidence against the device's chain; a seq with nothing to compare to is only recorded.
        if (archived !== 'unverifiable') findings.push({ seq: raw.seq, reason: archived })
        results.push({ uuid: raw.uuid, status: 'conflict', reason: ARCHIVED_REASONS[archived] })
        continue
      }
      const deadUuid = held.deadSeqs.get(raw.seq)
      const dead = held.walk.get(raw.seq)
      // The rating a heartbeat reported as dead-lettered, now delivered with other content: the same as a changed
      // re-send of a stored rating.
      if (deadUuid === raw.uuid && dead?.dead === true && !(macEquals(dead.link, raw.link) && dead.canonical === canonical)) {
        conflicts.push([deviceId, raw.uuid, raw.seq, record, 'changed', now])
        findings.push({ seq: raw.seq, reason: 'changed' })
        results.push({ uuid: raw.uuid, status: 'conflict', reason: 'this rating was received before with other content' })
        continue
      }
      if (held.ratingSeqs.has(raw.seq) || (deadUuid !== undefined && deadUuid !== raw.uuid)) {
        conflicts.push([deviceId, raw.uuid, raw.seq, record, 'seq-conflict', now])
        findings.push({ seq: raw.seq, reason: 'seq-conflict' })
        results.push({ uuid: raw.uuid, status: 'conflict', reason: `seq ${raw.seq} belongs to another rating` })
        continue
      }
      // Taken from here on: a second rating for this seq later in the same batch is a conflict too.
      held.ratingSeqs.add(raw.seq)
      // The batch's own rows join the walk as delivered ratings (a delivered rating wins over a dead record).
      held.walk.set(raw.seq, { link: raw.link, canonical, dead: false, fresh: true })
      fresh.push({ incoming, record, canonical })
      results.push({ uuid: raw.uuid, status: 'stored' })
    }

    const walk = walkKnown(device, held)
    const verdict = new Map(walk.checked.map((c) => [c.seq, c.ok ? 1 : 0]))
    if (walk.firstBadLink !== null) findings.push({ seq: walk.firstBadLink, reason: 'link' })
    let after: DeviceRow = { ...device, cursor_seq: walk.cursor.seq, cursor_link: walk.cursor.link, cursor_key: walk.cursor.key }
    for (const f of findings) after = withFinding(after, f)

    const writes: Write[] = []
    for (const part of chunks(fresh)) {
      // ON CONFLICT DO NOTHING keeps a re-sent rating one row even if two writers raced past the device lock; but
      // the lookup, under that lock, said these are new, so a row left out means the answer would lie: roll back
      // (500) and let the kiosk send again rather than say "stored" for what was not.
      writes.push({
        sql: `INSERT INTO ratings (${RATING_COLUMNS.join(', ')})
              VALUES ${part.map(() => `(${marks(RATING_COLUMNS.length)})`).join(', ')}
              ON CONFLICT DO NOTHING`,
        params: part.flatMap(({ incoming: { raw, rating }, record, canonical }) => [
          deviceId, raw.uuid, raw.seq, raw.link, record, canonical, now, batchId, device.centre_id,
          verdict.get(raw.seq) ?? null, ...projectParsed(rating),
        ]),
        expected: part.length,
        what: 'storing new ratings',
      })
    }
    writes.push(...verdictWrites(deviceId, walk.checked, held.walk))
    if (conflicts.length > 0) {
      writes.push({
        sql: `INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at) VALUES ${conflicts.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        params: conflicts.flat(),
      })
    }
    if (!walk.complete) {
      // The walk ran past what was read: store what it has, then go on through the stored rows page by page.
      await runWrites(tx, writes.splice(0), deviceId)
      await tx.writeAll([deviceWrite(after)])
      after = await advanceChain(tx, after)
    } else writes.push(deviceWrite(after))
    const stored = fresh.map((f) => f.incoming.rating)
    writes.push(...alertWrites(device, after, stored, now))
    const chain = walk.complete ? viewOf(after, held, fresh.map((f) => f.incoming.raw.seq)) : await chainView(tx, after)
    return { ack: { batchId, results, chain }, writes }
  })
}
