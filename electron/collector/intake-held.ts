import crypto from 'node:crypto'
import { z } from 'zod'
import type { ChainView } from '../../shared/schemas/upload'
import { MAX_DEAD_SEQS_IN_VIEW } from '../../shared/schemas/upload'
import { macEquals, walkChain, type ChainEntry, type Walk } from './chain-check'
import { viewFrom, type DeviceRow } from './devices'
import type { Write } from './idempotent'
import type { Sql, SqlValue } from './store/types'

/**
 * What a batch's intake needs to know of the device's stored records, read in one query under the device lock:
 * stored ratings under the batch's uuids or seqs, dead records at its seqs, every record in the walk's window
 * above the verified cursor, the highest seq held, and the dead-only seqs for the chain view. The chain is then
 * walked in memory over these rows and the batch's own (walkKnown), before anything is written.
 */

/**
 * How far above the cursor, and above the batch's highest seq, the lookup reads stored records for the walk: a batch
 * that continues the chain is walked to its end and on over what was stored after it, without a second query.
 * Elsewhere only the batch's own seqs are known (a device stuck behind a gap does not re-read all it holds).
 */
export const WALK_WINDOW = 500

export interface WalkEntry extends ChainEntry {
  dead: boolean
  /** One of this batch's ratings, not yet stored: its verdict goes into its INSERT. */
  fresh: boolean
}

export interface Held {
  byUuid: Map<string, { seq: number; link: string; canonical: string }>
  ratingSeqs: Set<number>
  /** Dead records at the batch's seqs, by seq: their uuid. */
  deadSeqs: Map<number, string>
  /** Records the walk may meet, by seq: read from the store, and the batch's accepted ratings as intake adds them. */
  walk: Map<number, WalkEntry>
  /** The two ranges read whole: (cursor, cursor + WALK_WINDOW] and (highest batch seq, that + WALK_WINDOW]. */
  windows: [number, number][]
  batchSeqs: Set<number>
  maxSeq: number | null
  /** The lowest dead-only seqs (enough to stay right after the batch fills some) and how many there are. */
  deadView: { count: number; seqs: number[] }
  /** Fingerprints of ratings whose month was archived, found under the batch's uuids or seqs. */
  archived: { byUuid: Map<string, Archived>; bySeq: Map<number, Archived> }
}

/** What retention keeps of a rating (partitions.ts): enough to tell an identical re-send from a changed one. */
export interface Archived {
  uuid: string
  seq: number
  link: string
  canonicalSha256: string
}

const RowSchema = z.strictObject({
  kind: z.number().int(),
  uuid: z.string().max(64).nullable(),
  seq: z.number().int().nullable(),
  link: z.string().max(64).nullable(),
  canonical: z.string().nullable(),
  n: z.number().int(),
})

const marks = (n: number) => (n === 0 ? 'NULL' : Array.from({ length: n }, () => '?').join(', '))

export async function lookup(db: Sql, device: DeviceRow, ratings: readonly { uuid: string; seq: number }[]): Promise<Held> {
  const id = device.device_id
  const uuids = ratings.map((r) => r.uuid)
  const seqs = ratings.map((r) => r.seq)
  const from = device.cursor_seq
  const top = Math.max(from, ...seqs)
  const viewRows = MAX_DEAD_SEQS_IN_VIEW + ratings.length
  // Overlapping (a batch that continues the chain): one range; the second is left empty.
  const windows: [number, number][] =
    top <= from + WALK_WINDOW
      ? [
          [from, top + WALK_WINDOW],
          [0, 0],
        ]
      : [
          [from, from + WALK_WINDOW],
          [top, top + WALK_WINDOW],
        ]
  // One branch per index it can use (an OR of them would scan all the device's rows on SQLite); a row found by two
  // branches comes twice and is taken once below.
  const ratingsBy = (where: string) => `SELECT 0 AS kind, uuid, seq, link, canonical, 0 AS n FROM ratings WHERE device_id = ? AND ${where}`
  const deadBy = (where: string) => `SELECT 1, uuid, seq, link, canonical, 0 FROM dead_records WHERE device_id = ? AND ${where}`
  const archivedBy = (where: string) => `SELECT 4, uuid, seq, link, canonical_sha256, 0 FROM archived_ratings WHERE device_id = ? AND ${where}`
  const range = 'seq > ? AND seq <= ?'
  // By uuid, never by month: the lookup must find the rating in whatever partition holds it.
  const rows = await db.all(
    [
      ratingsBy(`uuid IN (${marks(uuids.length)})`),
      ratingsBy(`seq IN (${marks(seqs.length)})`),
      ratingsBy(range),
      ratingsBy(range),
      deadBy(`seq IN (${marks(seqs.length)})`),
      deadBy(range),
      deadBy(range),
      'SELECT 2, NULL, (SELECT max(seq) FROM ratings WHERE device_id = ?), NULL, NULL, 0',
      'SELECT 2, NULL, (SELECT max(seq) FROM dead_records WHERE device_id = ?), NULL, NULL, 0',
      archivedBy(`uuid IN (${marks(uuids.length)})`),
      archivedBy(`seq IN (${marks(seqs.length)})`),
      `SELECT * FROM (SELECT 3, d.uuid, d.seq, NULL, NULL, count(*) OVER () FROM dead_records d
                       WHERE d.device_id = ? AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.device_id = d.device_id AND r.seq = d.seq)
                       ORDER BY d.seq LIMIT ?) AS view`,
    ].join('\n UNION ALL\n'),
    [
      ...[id, ...uuids],
      ...[id, ...seqs],
      ...[id, ...(windows[0] ?? [])],
      ...[id, ...(windows[1] ?? [])],
      ...[id, ...seqs],
      ...[id, ...(windows[0] ?? [])],
      ...[id, ...(windows[1] ?? [])],
      id,
      id,
      ...[id, ...uuids],
      ...[id, ...seqs],
      id,
      viewRows,
    ] satisfies SqlValue[],
  )
  const wanted = new Set(uuids)
  const batchSeqs = new Set(seqs)
  const held: Held = {
    byUuid: new Map(),
    ratingSeqs: new Set(),
    deadSeqs: new Map(),
    walk: new Map(),
    windows,
    batchSeqs,
    maxSeq: null,
    deadView: { count: 0, seqs: [] },
    archived: { byUuid: new Map(), bySeq: new Map() },
  }
  for (const raw of rows) {
    const row = RowSchema.parse(raw)
    if (row.kind === 2) {
      if (row.seq !== null) held.maxSeq = Math.max(held.maxSeq ?? row.seq, row.seq)
      continue
    }
    if (row.uuid === null || row.seq === null) continue
    if (row.kind === 3) {
      held.deadView.count = row.n
      held.deadView.seqs.push(row.seq)
      continue
    }
    if (row.link === null || row.canonical === null) continue
    if (row.kind === 4) {
      const archived = { uuid: row.uuid, seq: row.seq, link: row.link, canonicalSha256: row.canonical }
      if (wanted.has(row.uuid)) held.archived.byUuid.set(row.uuid, archived)
      if (batchSeqs.has(row.seq)) held.archived.bySeq.set(row.seq, archived)
      continue
    }
    const dead = row.kind === 1
    if (!dead && wanted.has(row.uuid)) held.byUuid.set(row.uuid, { seq: row.seq, link: row.link, canonical: row.canonical })
    if (batchSeqs.has(row.seq)) {
      if (dead) held.deadSeqs.set(row.seq, row.uuid)
      else held.ratingSeqs.add(row.seq)
    }
    // A delivered rating wins over a dead record of the same seq.
    const known = held.walk.get(row.seq)
    if (known === undefined || (known.dead && !dead)) {
      held.walk.set(row.seq, { link: row.link, canonical: row.canonical, dead, fresh: false })
    }
  }
  held.deadView.seqs.sort((a, b) => a - b)
  return held
}

export type ArchivedVerdict = 'duplicate' | 'changed' | 'seq-conflict' | 'unverifiable'

/**
 * A rating at a seq the device's chain has passed, or one whose month is archived, that is in neither live table.
 * Its archived fingerprint decides: the same uuid, seq, link and content is a re-send (duplicate); the same uuid
 * with anything else, or another uuid on an archived seq, is a conflict, like the same cases on live rows. With no
 * fingerprint (archived before they were kept, or a row removed by hand) nothing can be compared, so it is not
 * taken on trust either: a conflict the province can look into, never a silent duplicate.
 */
export function archivedVerdict(held: Held, raw: { uuid: string; seq: number; link: string }, canonical: string): ArchivedVerdict {
  const byUuid = held.archived.byUuid.get(raw.uuid)
  if (byUuid !== undefined) {
    const same = byUuid.seq === raw.seq && macEquals(byUuid.link, raw.link) && macEquals(byUuid.canonicalSha256, sha256(canonical))
    return same ? 'duplicate' : 'changed'
  }
  return held.archived.bySeq.has(raw.seq) ? 'seq-conflict' : 'unverifiable'
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The chain walked from the cursor over what is known: inside the window everything stored was read, and at the
 * batch's own seqs too; anywhere else the walk stops and says it is not complete (the caller goes on from the store).
 */
export function walkKnown(device: DeviceRow, held: Held): Walk & { complete: boolean } {
  let complete = true
  const start = { seq: device.cursor_seq, link: device.cursor_link, key: device.cursor_key }
  const walk = walkChain(
    start,
    (seq) => {
      const entry = held.walk.get(seq)
      if (entry === undefined && !held.batchSeqs.has(seq) && !held.windows.some(([lo, hi]) => seq > lo && seq <= hi)) complete = false
      return entry ?? null
    },
    // More steps than there are known records: the walk always ends at a missing or unknown seq.
    2 * WALK_WINDOW + held.batchSeqs.size + 1,
  )
  return { ...walk, complete }
}

/** chain_ok for stored records the walk reached (the batch's own rows carry theirs in their INSERT). */
export function verdictWrites(deviceId: string, checked: Walk['checked'], entries: Map<number, WalkEntry>): Write[] {
  const writes: Write[] = []
  for (const table of ['ratings', 'dead_records'] as const) {
    for (const ok of [1, 0]) {
      const seqs = checked
        .filter((c) => {
          const e = entries.get(c.seq)
          return e !== undefined && !e.fresh && (c.ok ? 1 : 0) === ok && e.dead === (table === 'dead_records')
        })
        .map((c) => c.seq)
      if (seqs.length > 0) {
        writes.push({ sql: `UPDATE ${table} SET chain_ok = ? WHERE device_id = ? AND seq IN (${marks(seqs.length)})`, params: [ok, deviceId, ...seqs] })
      }
    }
  }
  return writes
}

export interface Finding {
  seq: number
  reason: NonNullable<DeviceRow['bad_reason']>
}

/** markBad in memory: the earliest seq wins, and of two findings at one seq the first. */
export function withFinding(device: DeviceRow, f: Finding): DeviceRow {
  return device.bad_seq === null || device.bad_seq > f.seq ? { ...device, bad_seq: f.seq, bad_reason: f.reason } : device
}

/** The device's cursor and finding, as worked out in memory under the lock. */
export function deviceWrite(d: DeviceRow): Write {
  return {
    sql: 'UPDATE devices SET cursor_seq = ?, cursor_link = ?, cursor_key = ?, bad_seq = ?, bad_reason = ? WHERE device_id = ?',
    params: [d.cursor_seq, d.cursor_link, d.cursor_key, d.bad_seq, d.bad_reason, d.device_id],
    expected: 1,
    what: 'updating the device',
  }
}

/** chainView's answer without reading again: the batch's stored seqs join what the lookup saw. */
export function viewOf(after: DeviceRow, held: Held, freshSeqs: readonly number[]): ChainView {
  const maxSeq = Math.max(held.maxSeq ?? 0, ...freshSeqs)
  const filled = new Set(freshSeqs)
  const filledDead = freshSeqs.filter((s) => held.deadSeqs.has(s)).length
  const seqs = held.deadView.seqs.filter((s) => !filled.has(s)).slice(0, MAX_DEAD_SEQS_IN_VIEW)
  return viewFrom(after, maxSeq > after.cursor_seq + 1, { dead: held.deadView.count - filledDead, deadSeqs: seqs })
}
