import crypto from 'node:crypto'
import { z } from 'zod'
import type { RatingRecord } from '../../../shared/schemas/rating'
import type { Db } from '../../../electron/core/db/open'
import { canonicalJson } from '../../../shared/protocol/canonical-json'
import { extend } from '../../../shared/protocol/chain'
import { openHead, writeHead } from '../../../electron/core/ratings/chain-repo'
import { chainVault } from '../../../electron/core/ratings/chain-seal'

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
  const insertRating = db.prepare(
    `INSERT INTO ratings (uuid, seq, counter_id, officer_id, officer_name, counter_number, level, level_key,
                          level_label, scale, reasons, comment, language, mode, created_at, link)
     VALUES (?, ?, ?, ?, ?, ?, 3, 'very_satisfied', 'Rất hài lòng', 3, '[]', '', 'vi', 'counter', ?, ?)`,
  )
  const insertOutbox = db.prepare("INSERT INTO outbox (kind, ref_id, state) VALUES ('rating', ?, 'pending')")
  const uuids: string[] = []
  db.transaction(() => {
    let head = openHead(db, vault)
    for (let i = 0; i < count; i++) {
      const record: Omit<RatingRecord, 'link'> = {
        uuid: crypto.randomUUID(),
        seq: head.seq + 1,
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
        createdAt: startAt + i * stepMs,
      }
      const next = extend(head, canonicalJson(record))
      const id = insertRating.run(
        record.uuid,
        record.seq,
        counter.id,
        counter.officer_id,
        record.officerName,
        record.counterNumber,
        record.createdAt,
        next.link,
      )
      insertOutbox.run(id.lastInsertRowid)
      head = next.head
      uuids.push(record.uuid)
    }
    writeHead(db, vault, head)
  })()
  return uuids
}
