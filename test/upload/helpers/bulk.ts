import crypto from 'node:crypto'
import { z } from 'zod'
import type { RatingRecord } from '../../../shared/schemas/rating'
import type { Db } from '../../../electron/core/db/open'
import { canonicalJson } from '../../../shared/protocol/canonical-json'
import { extend } from '../../../shared/protocol/chain'
import { openHead, writeHead } from '../../../electron/core/ratings/chain-repo'
import { chainVault } from '../../../electron/core/ratings/chain-seal'

/** The counter a raw rating row is pinned to, with its officer, as the row copies them. */
export interface RawCounter {
  id: number
  number: number
  officer_id: number
  full_name: string
}

/** A "very satisfied" counter-mode rating with no ticket: the record the kiosk would chain for such a row. */
export function verySatisfiedRecord(
  counter: RawCounter,
  deviceId: string,
  seq: number,
  createdAt: number,
): Omit<RatingRecord, 'link'> {
  return {
    uuid: crypto.randomUUID(),
    seq,
    deviceId,
    ticketCode: null,
    counterNumber: counter.number,
    officerId: counter.officer_id,
    officerName: counter.full_name,
    fieldPrefix: null,
    level: 3,
    levelKey: 'very_satisfied',
    levelLabel: 'Rất hài lòng',
    scale: 3,
    reasons: [],
    comment: '',
    language: 'vi',
    mode: 'counter',
    createdAt,
  }
}

/**
 * Writes a record from `verySatisfiedRecord` with its link, and its pending outbox entry, straight in SQL: no
 * rating-service checks and no chain head update (the caller moves the head). Statements are prepared once.
 */
export function rawRatingInserter(
  db: Db,
): (record: Omit<RatingRecord, 'link'>, counterId: number, link: string) => void {
  const insertRating = db.prepare(
    `INSERT INTO ratings (uuid, seq, counter_id, officer_id, officer_name, counter_number, level, level_key,
                          level_label, scale, reasons, comment, language, mode, created_at, link)
     VALUES (?, ?, ?, ?, ?, ?, 3, 'very_satisfied', 'Rất hài lòng', 3, '[]', '', 'vi', 'counter', ?, ?)`,
  )
  const insertOutbox = db.prepare("INSERT INTO outbox (kind, ref_id, state) VALUES ('rating', ?, 'pending')")
  return (record, counterId, link) => {
    const id = insertRating.run(
      record.uuid,
      record.seq,
      counterId,
      record.officerId,
      record.officerName,
      record.counterNumber,
      record.createdAt,
      link,
    )
    insertOutbox.run(id.lastInsertRowid)
  }
}

/**
 * Many ratings fast, for the week-offline test only: rating-service spends ~0.7 ms per rating (it prepares its
 * statements on every call), which would make 42 000 ratings half a minute. These rows are chained with the
 * real chain code and read back by the real uploader, so a record that did not match its link would still be
 * caught by the collector; the rating rules themselves are covered by rating-service's own path in every other
 * upload test.
 */
export function bulkRatings(
  db: Db,
  deviceSecret: Buffer,
  deviceId: string,
  count: number,
  startAt: number,
  stepMs: number,
): string[] {
  const vault = chainVault(deviceSecret)
  const counter = z
    .strictObject({ id: z.number().int(), number: z.number().int(), officer_id: z.number().int(), full_name: z.string() })
    .parse(
      db
        .prepare(
          `SELECT c.id, c.number, o.id AS officer_id, o.full_name FROM counters c
             JOIN assignments a ON a.counter_id = c.id JOIN officers o ON o.id = a.officer_id
            WHERE c.number = 1 ORDER BY a.starts_at DESC LIMIT 1`,
        )
        .get(),
    )
  const insert = rawRatingInserter(db)
  const uuids: string[] = []
  db.transaction(() => {
    let head = openHead(db, vault)
    for (let i = 0; i < count; i++) {
      const record = verySatisfiedRecord(counter, deviceId, head.seq + 1, startAt + i * stepMs)
      const next = extend(head, canonicalJson(record))
      insert(record, counter.id, next.link)
      head = next.head
      uuids.push(record.uuid)
    }
    writeHead(db, vault, head)
  })()
  return uuids
}
