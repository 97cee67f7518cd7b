import type { CollectorDb } from './db'

/** How long an Idempotency-Key is remembered (the protocol promises at least this). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

export type IntakeOutcome<Ack> = { kind: 'ack'; ack: Ack; replayed: boolean } | { kind: 'key-reused' }

/**
 * The steps every signed batch endpoint shares, in one immediate transaction so two deliveries of the same batch
 * cannot both store it: forget keys older than the window, replay the stored answer for a known Idempotency-Key
 * (or refuse the key when it comes back with another body), else run `store` and remember its answer under the key.
 */
export function storeOnce<Ack>(
  db: CollectorDb,
  deviceId: string,
  batchId: string,
  bodyHash: string,
  now: number,
  store: () => Ack,
): IntakeOutcome<Ack> {
  return db
    .transaction((): IntakeOutcome<Ack> => {
      db.prepare('DELETE FROM batches WHERE received_at < ?').run(now - IDEMPOTENCY_WINDOW_MS)
      const seen = db
        .prepare('SELECT body_hash, response FROM batches WHERE device_id = ? AND batch_id = ?')
        .get(deviceId, batchId) as { body_hash: string; response: string } | undefined
      if (seen !== undefined) {
        if (seen.body_hash !== bodyHash) return { kind: 'key-reused' }
        // Stored by this function from an Ack it built, so it parses back to the same shape.
        return { kind: 'ack', ack: JSON.parse(seen.response) as Ack, replayed: true }
      }
      const ack = store()
      db.prepare(
        'INSERT INTO batches (device_id, batch_id, body_hash, response, received_at) VALUES (?, ?, ?, ?, ?)',
      ).run(deviceId, batchId, bodyHash, JSON.stringify(ack), now)
      return { kind: 'ack', ack, replayed: false }
    })
    .immediate()
}
