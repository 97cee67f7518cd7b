import { z } from 'zod'
import type { Store, Tx } from './store/types'

/** How long an Idempotency-Key is remembered (the protocol promises at least this). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

export type IntakeOutcome<Ack> = { kind: 'ack'; ack: Ack; replayed: boolean } | { kind: 'key-reused' }

const SeenSchema = z.strictObject({ body_hash: z.string(), response: z.string() })

/**
 * The steps every signed batch endpoint shares, in one transaction under the device's lock so two deliveries of
 * the same batch — to one process or to two — cannot both store it: forget the device's keys older than the window,
 * replay the stored answer for a known Idempotency-Key (or refuse the key when it comes back with another body),
 * else run `store` and remember its answer under the key. Only this device's old keys are forgotten here: deleting
 * other devices' rows would take row locks outside the device lock, and two processes could then deadlock.
 */
export function storeOnce<Ack>(
  db: Pick<Store, 'tx'>,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  now: number,
  store: (tx: Tx) => Promise<Ack>,
): Promise<IntakeOutcome<Ack>> {
  return db.tx(async (tx): Promise<IntakeOutcome<Ack>> => {
    await tx.lockDevice(deviceId)
    await tx.run('DELETE FROM batches WHERE device_id = ? AND received_at < ?', [deviceId, now - IDEMPOTENCY_WINDOW_MS])
    const raw = await tx.get('SELECT body_hash, response FROM batches WHERE device_id = ? AND batch_id = ?', [
      deviceId,
      batchId,
    ])
    if (raw !== undefined) {
      const seen = SeenSchema.parse(raw)
      if (seen.body_hash !== bodyHash) return { kind: 'key-reused' }
      // Stored by this function from an Ack it built, so it parses back to the same shape.
      return { kind: 'ack', ack: JSON.parse(seen.response) as Ack, replayed: true }
    }
    const ack = await store(tx)
    await tx.run('INSERT INTO batches (device_id, batch_id, body_hash, response, received_at) VALUES (?, ?, ?, ?, ?)', [
      deviceId,
      batchId,
      bodyHash,
      JSON.stringify(ack),
      now,
    ])
    return { kind: 'ack', ack, replayed: false }
  })
}
