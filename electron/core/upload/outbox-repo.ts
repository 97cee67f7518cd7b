import { z } from 'zod'
import { verbatim } from '../../../shared/schemas/common'
import type { RatingRecord } from '../../../shared/schemas/rating'
import type { DeadLetter } from '../../../shared/schemas/sync'
import { MAX_BATCH_BYTES, MAX_BATCH_RATINGS } from '../../../shared/schemas/upload'
import type { Db } from '../db/open'
import { cached } from '../db/statements'

/**
 * The outbox as the uploader sees it. Rows are read back into the exact record the chain signed (see the snapshot
 * table of migration 4); `outbox.id` follows `ratings.seq` because both rows are written in one transaction, so
 * "oldest first" is the outbox_pending index order.
 */
export interface OutboxItem {
  outboxId: number
  record: RatingRecord
  /** The record's JSON, as it goes into the batch body. */
  json: string
}

const RowSchema = z.strictObject({
  outbox_id: z.number().int(),
  uuid: z.string().max(64),
  seq: z.number().int().positive(),
  ticket_code: z.string().max(10).nullable(),
  counter_number: z.number().int(),
  officer_id: z.number().int(),
  officer_name: verbatim(100),
  field_prefix: z.string().max(1).nullable(),
  level: z.number().int(),
  level_key: z.string().max(40),
  level_label: verbatim(200),
  scale: z.number().int(),
  reasons: z.string().max(2000),
  comment: verbatim(1000),
  language: z.enum(['vi', 'en']),
  mode: z.enum(['counter', 'lobby']),
  created_at: z.number().int(),
  link: z.string().max(64),
})

const ReasonsSchema = z.array(z.string().max(40)).max(12)

const COLUMNS = `o.id AS outbox_id, r.uuid, r.seq, r.ticket_code, r.counter_number, r.officer_id, r.officer_name,
         r.field_prefix, r.level, r.level_key, r.level_label, r.scale, r.reasons, r.comment, r.language, r.mode,
         r.created_at, r.link`

const SELECT_ITEMS = `
  SELECT ${COLUMNS}
    FROM outbox o
    JOIN ratings r ON r.id = o.ref_id
   WHERE o.state = 'pending' AND o.kind = 'rating'
   ORDER BY o.id
   LIMIT ?`

/** Rebuilds the record exactly as rating-service chained it (same keys, same values). */
function toRecord(raw: unknown, deviceId: string): { outboxId: number; record: RatingRecord } {
  const r = RowSchema.parse(raw)
  const record: RatingRecord = {
    uuid: r.uuid,
    seq: r.seq,
    deviceId,
    ticketCode: r.ticket_code,
    counterNumber: r.counter_number,
    officerId: r.officer_id,
    officerName: r.officer_name,
    fieldPrefix: r.field_prefix,
    level: r.level,
    levelKey: r.level_key,
    levelLabel: r.level_label,
    scale: r.scale,
    reasons: ReasonsSchema.parse(JSON.parse(r.reasons)),
    comment: r.comment,
    language: r.language,
    mode: r.mode,
    createdAt: r.created_at,
    link: r.link,
  }
  return { outboxId: r.outbox_id, record }
}

/** Room for the envelope around the ratings: `{"deviceId":…,"batchId":…,"ratings":[…]}`. */
const ENVELOPE_BYTES = 200

/** The oldest pending ratings that fit one batch: at most `maxItems` (≤ 500) and MAX_BATCH_BYTES of body. */
export function nextBatch(db: Db, deviceId: string, maxItems = MAX_BATCH_RATINGS): OutboxItem[] {
  const limit = Math.max(1, Math.min(maxItems, MAX_BATCH_RATINGS))
  const items: OutboxItem[] = []
  let bytes = ENVELOPE_BYTES
  for (const raw of cached(db, SELECT_ITEMS).all(limit)) {
    const { outboxId, record } = toRecord(raw, deviceId)
    const json = JSON.stringify(record)
    const size = Buffer.byteLength(json) + 1
    if (items.length > 0 && bytes + size > MAX_BATCH_BYTES) break
    bytes += size
    items.push({ outboxId, record, json })
  }
  return items.sort((a, b) => a.record.seq - b.record.seq)
}

/**
 * The three ways an answer settles outbox rows, each one statement for the whole batch (ids go in as one JSON
 * array, so a batch of 500 is one bound parameter, not 500 runs). Only rows still pending change: a late duplicate
 * ack is harmless. Each joins the caller's transaction when there is one (see settleBatch), else commits alone.
 */
const MARK_SENT = `
  UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1
   WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`
const MARK_DEAD = `
  UPDATE outbox SET state = 'dead', last_error = d.value ->> 1, attempts = attempts + 1
    FROM json_each(?) AS d
   WHERE outbox.id = d.value ->> 0 AND outbox.state = 'pending'`
const RECORD_ATTEMPT = `
  UPDATE outbox SET attempts = attempts + 1, last_error = ?
   WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`

function inTransaction(db: Db, run: () => void): void {
  if (db.inTransaction) run()
  else db.transaction(run).immediate()
}

/** Marks acknowledged ratings sent. */
export function markSent(db: Db, outboxIds: readonly number[], at: number): void {
  if (outboxIds.length === 0) return
  inTransaction(db, () => cached(db, MARK_SENT).run(at, JSON.stringify(outboxIds)))
}

/** Dead-letters ratings the collector refused for good, keeping its reason for IT. Never deletes anything. */
export function markDead(db: Db, items: readonly { outboxId: number; reason: string }[]): void {
  if (items.length === 0) return
  // A rating named twice keeps its first reason (SQLite applies one matching row per outbox row).
  const pairs = items.map((item) => [item.outboxId, item.reason.slice(0, 1000)])
  inTransaction(db, () => cached(db, MARK_DEAD).run(JSON.stringify(pairs)))
}

/** Counts an unsuccessful attempt on ratings that stay pending. */
export function recordAttempt(db: Db, outboxIds: readonly number[], error: string): void {
  if (outboxIds.length === 0) return
  inTransaction(db, () => cached(db, RECORD_ATTEMPT).run(error.slice(0, 1000), JSON.stringify(outboxIds)))
}

/** One batch's answer applied in one commit: sent, dead and not acknowledged together, or none of them. */
export function settleBatch(
  db: Db,
  settled: { sent: readonly number[]; dead: readonly { outboxId: number; reason: string }[]; unacknowledged: readonly number[] },
  at: number,
): void {
  db.transaction(() => {
    markSent(db, settled.sent, at)
    markDead(db, settled.dead)
    recordAttempt(db, settled.unacknowledged, 'not acknowledged')
  }).immediate()
}

const Count = z.number().int().nonnegative()
const CountsSchema = z.strictObject({
  pending: Count,
  dead: Count,
  pendingFromSeq: z.number().int().positive().nullable(),
  disputesPending: Count,
  disputesDead: Count,
})

/**
 * Per kind: `pending` / `dead` are ratings only (what the heartbeat reports against the chain, and what the
 * kiosk's indicator shows); dispute state changes are counted apart.
 */
export type OutboxCounts = z.infer<typeof CountsSchema>

/**
 * Read on every status push, once per batch while a backlog drains. The oldest pending seq is that of the lowest
 * pending outbox id (ids follow seqs, see above): one step along outbox_pending, where min(seq) over the join
 * read a ratings row for every pending one (~0.1 s at a 100k backlog, per batch).
 */
export function outboxCounts(db: Db): OutboxCounts {
  return CountsSchema.parse(
    db
      .prepare(
        `SELECT (SELECT count(*) FROM outbox WHERE state = 'pending' AND kind = 'rating') AS pending,
                (SELECT count(*) FROM outbox WHERE state = 'dead' AND kind = 'rating') AS dead,
                (SELECT count(*) FROM outbox WHERE state = 'pending' AND kind = 'dispute') AS disputesPending,
                (SELECT count(*) FROM outbox WHERE state = 'dead' AND kind = 'dispute') AS disputesDead,
                (SELECT r.seq FROM outbox o JOIN ratings r ON r.id = o.ref_id
                  WHERE o.state = 'pending' AND o.kind = 'rating' ORDER BY o.id LIMIT 1) AS pendingFromSeq`,
      )
      .get(),
  )
}

const DeadRowSchema = z.strictObject({
  uuid: z.uuid(),
  seq: z.number().int().positive(),
  createdAt: z.number().int().nonnegative(),
  reason: z.string().max(1000).nullable(),
  link: z.string().length(64),
})

/** Dead-lettered ratings, oldest first, with the collector's reason. */
export function deadLetters(db: Db, limit: number): (DeadLetter & { link: string })[] {
  return db
    .prepare(
      `SELECT r.uuid, r.seq, r.created_at AS createdAt, o.last_error AS reason, r.link
         FROM outbox o JOIN ratings r ON r.id = o.ref_id
        WHERE o.state = 'dead' AND o.kind = 'rating'
        ORDER BY o.id LIMIT ?`,
    )
    .all(limit)
    .map((raw) => {
      const row = DeadRowSchema.parse(raw)
      return { ...row, reason: row.reason ?? 'refused by the collector' }
    })
}

/** One page of dead letters, whole, by seq after `afterSeq`: what a heartbeat carries (see PROTOCOL.md). */
export function deadPage(
  db: Db,
  deviceId: string,
  afterSeq: number,
  limit: number,
): { record: RatingRecord; reason: string }[] {
  return db
    .prepare(
      `SELECT ${COLUMNS}, o.last_error
         FROM outbox o JOIN ratings r ON r.id = o.ref_id
        WHERE o.state = 'dead' AND o.kind = 'rating' AND r.seq > ?
        ORDER BY r.seq LIMIT ?`,
    )
    .all(afterSeq, limit)
    .map((raw) => {
      const { last_error: lastError, ...row } = z
        .looseObject({ last_error: z.string().max(1000).nullable() })
        .parse(raw)
      return { record: toRecord(row, deviceId).record, reason: (lastError ?? '').trim() || 'dead-lettered' }
    })
}

/**
 * IT's "send again": dead letters back to pending (the given uuids, or all of them). Returns how many moved.
 * A rating is never deleted; the collector dedupes by uuid if it already has one.
 */
export function requeueDead(db: Db, uuids: readonly string[] | undefined): number {
  return db
    .transaction(() => {
      if (uuids === undefined) {
        return db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'dead' AND kind = 'rating'").run().changes
      }
      const stmt = db.prepare(
        `UPDATE outbox SET state = 'pending'
          WHERE state = 'dead' AND kind = 'rating' AND ref_id = (SELECT id FROM ratings WHERE uuid = ?)`,
      )
      return uuids.reduce((n, uuid) => n + stmt.run(uuid).changes, 0)
    })
    .immediate()
}
