import { z } from 'zod'
import type { DisputeAck, DisputeRecord } from '../../shared/schemas/upload-disputes'
import { storeOnce, type IntakeOutcome, type Stored } from './idempotent'
import type { Sql, Store } from './store/types'

export type DisputeOutcome = IntakeOutcome<DisputeAck>

const StoredSchema = z.strictObject({ state: z.string().max(20), rating_uuid: z.string().max(64), record: z.string() })

/** Same content, whatever the key order: records are compared by their fields, not their bytes. */
function sameRecord(a: DisputeRecord, stored: string): boolean {
  const b = JSON.parse(stored) as Record<string, unknown>
  return (Object.keys(a) as (keyof DisputeRecord)[]).every((k) => a[k] === b[k]) && Object.keys(b).length === Object.keys(a).length
}

/**
 * Stores one /v1/disputes request in one transaction: a known Idempotency-Key replays its answer; each record is
 * deduped by (device, dispute uuid, state). Refused as a conflict, and kept as evidence: the same key with other
 * content, another rating for a dispute already known, or a second outcome (upheld after rejected, or back).
 * The rating is referenced by uuid and need not have arrived yet: ratings and disputes travel independently.
 */
export function acceptDisputes(
  db: Pick<Store, 'tx'>,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  records: readonly DisputeRecord[],
  now: number,
): Promise<DisputeOutcome> {
  return storeOnce(db, deviceId, batchId, bodyHash, now, async (tx): Promise<Stored<DisputeAck>> => {
    const results: DisputeAck['results'] = []
    for (const record of records) {
      const rows = (
        await tx.all('SELECT state, rating_uuid, record FROM disputes WHERE device_id = ? AND uuid = ?', [deviceId, record.uuid])
      ).map((raw) => StoredSchema.parse(raw))
      const same = rows.find((r) => r.state === record.state)
      const json = JSON.stringify(record)
      let reason: string | null = null
      if (same !== undefined) {
        if (sameRecord(record, same.record)) {
          results.push({ uuid: record.uuid, state: record.state, status: 'duplicate' })
          continue
        }
        reason = 'this dispute state was received before with other content'
      } else if (rows.some((r) => r.rating_uuid !== record.ratingUuid)) {
        reason = 'this dispute was received before for another rating'
      } else if (record.state !== 'open' && rows.some((r) => r.state !== 'open')) {
        reason = 'this dispute was resolved before with another outcome'
      }
      if (reason !== null) {
        await tx.run('INSERT INTO conflicts (device_id, uuid, seq, record, reason, received_at) VALUES (?, ?, 0, ?, ?, ?)', [
          deviceId,
          record.uuid,
          json,
          `dispute: ${reason}`,
          now,
        ])
        results.push({ uuid: record.uuid, state: record.state, status: 'conflict', reason })
        continue
      }
      await tx.run(
        `INSERT INTO disputes (device_id, uuid, state, rating_uuid, record, received_at, batch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [deviceId, record.uuid, record.state, record.ratingUuid, json, now, batchId],
      )
      results.push({ uuid: record.uuid, state: record.state, status: 'stored' })
    }
    return { ack: { batchId, results } }
  })
}

const StoredDisputeSchema = z.strictObject({
  uuid: z.uuid(),
  state: z.enum(['open', 'upheld', 'rejected']),
  rating_uuid: z.uuid(),
  rating_known: z.union([z.literal(0), z.literal(1)]),
})

/** A device's disputes as stored, oldest first, and whether the rating they name has arrived (tests, IT). */
export async function storedDisputes(
  db: Sql,
  deviceId: string,
): Promise<{ uuid: string; state: string; ratingUuid: string; ratingKnown: boolean }[]> {
  const rows = await db.all(
    `SELECT d.uuid, d.state, d.rating_uuid,
            CASE WHEN EXISTS (SELECT 1 FROM ratings r WHERE r.device_id = d.device_id AND r.uuid = d.rating_uuid)
                 THEN 1 ELSE 0 END AS rating_known
       FROM disputes d WHERE d.device_id = ? ORDER BY d.received_at, d.rowid`,
    [deviceId],
  )
  return rows.map((raw) => {
    const r = StoredDisputeSchema.parse(raw)
    return { uuid: r.uuid, state: r.state, ratingUuid: r.rating_uuid, ratingKnown: r.rating_known === 1 }
  })
}
