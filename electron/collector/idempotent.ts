import { z } from 'zod'
import { DeviceRowSchema, type DeviceRow } from './devices'
import type { Statement, Store, Tx } from './store/types'

/** How long an Idempotency-Key is remembered (the protocol promises at least this). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

export type IntakeOutcome<Ack> = { kind: 'ack'; ack: Ack; replayed: boolean } | { kind: 'key-reused' }

/** A write left for the end of the transaction; with `expected`, any other changed-row count rolls it all back. */
export type Write = Statement & { expected?: number; what?: string }

/** What an endpoint's store step hands back: its answer, and the writes to run with the key's (one round trip). */
export interface Stored<Ack> {
  ack: Ack
  writes?: readonly Write[]
}

const SeenSchema = z.strictObject({ seen_body_hash: z.string().nullable(), seen_response: z.string().nullable() })

/**
 * The steps every signed batch endpoint shares, in one transaction under the device's lock so two deliveries of
 * the same batch — to one process or to two — cannot both store it: replay the stored answer for a known
 * Idempotency-Key still inside the window (or refuse the key when it comes back with another body), else run
 * `store` and remember its answer under the key, forgetting the device's keys older than the window. The device
 * row and the key are read in one query; the key's writes go with the store step's writes in one writeAll. Only
 * this device's old keys are forgotten here: deleting other devices' rows would take row locks outside the device
 * lock, and two processes could then deadlock.
 */
export function storeOnce<Ack>(
  db: Pick<Store, 'tx'>,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  now: number,
  store: (tx: Tx, device: DeviceRow) => Promise<Stored<Ack>>,
): Promise<IntakeOutcome<Ack>> {
  return db.tx(async (tx): Promise<IntakeOutcome<Ack>> => {
    await tx.lockDevice(deviceId)
    const oldest = now - IDEMPOTENCY_WINDOW_MS
    const raw = await tx.get(
      `SELECT d.*, b.body_hash AS seen_body_hash, b.response AS seen_response
         FROM devices d LEFT JOIN batches b ON b.device_id = d.device_id AND b.batch_id = ? AND b.received_at >= ?
        WHERE d.device_id = ?`,
      [batchId, oldest, deviceId],
    )
    if (raw === undefined) throw new Error(`unknown device ${deviceId}`)
    const { seen_body_hash: seenHash, seen_response: seenResponse, ...deviceRaw } = raw
    const seen = SeenSchema.parse({ seen_body_hash: seenHash, seen_response: seenResponse })
    if (seen.seen_body_hash !== null && seen.seen_response !== null) {
      if (seen.seen_body_hash !== bodyHash) return { kind: 'key-reused' }
      // Stored by this function from an Ack it built, so it parses back to the same shape.
      return { kind: 'ack', ack: JSON.parse(seen.seen_response) as Ack, replayed: true }
    }
    const { ack, writes = [] } = await store(tx, DeviceRowSchema.parse(deviceRaw))
    const all: Write[] = [
      ...writes,
      // The key being stored is left out: an expired row under it is replaced by the upsert below instead, so no
      // row is touched twice (writeAll's rule).
      { sql: 'DELETE FROM batches WHERE device_id = ? AND received_at < ? AND batch_id <> ?', params: [deviceId, oldest, batchId] },
      {
        sql: `INSERT INTO batches (device_id, batch_id, body_hash, response, received_at) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT (device_id, batch_id) DO UPDATE
              SET body_hash = excluded.body_hash, response = excluded.response, received_at = excluded.received_at`,
        params: [deviceId, batchId, bodyHash, JSON.stringify(ack), now],
      },
    ]
    await runWrites(tx, all, deviceId)
    return { kind: 'ack', ack, replayed: false }
  })
}

/** Runs writes in one writeAll; a count other than a write's `expected` throws, so the transaction rolls back. */
export async function runWrites(tx: Tx, writes: readonly Write[], deviceId: string): Promise<void> {
  if (writes.length === 0) return
  const counts = await tx.writeAll(writes)
  writes.forEach((w, i) => {
    if (w.expected !== undefined && counts[i] !== w.expected) {
      throw new Error(`device ${deviceId}: ${w.what ?? 'a write'} changed ${counts[i]} row(s), not ${w.expected}`)
    }
  })
}
