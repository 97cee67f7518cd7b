import { z } from 'zod'
import type { Db } from '../db/open'
import type { CallContext } from '../dispatch'
import { AppError } from '../errors'

/**
 * Runs a device's write once per idempotency key. The answer is stored in the same transaction as the write, so
 * after a dropped link (or a hub killed mid-call) the client's retry with the same key either finds the committed
 * answer — and shows "thank you" for a row that exists — or finds nothing, because nothing was committed, and
 * writes now. Never two rows, never an answer without its row. Calls from local windows have no key and just run.
 */
const StoredSchema = z.strictObject({ channel: z.string(), result: z.string() })

export function oncePerKey<S extends z.ZodType>(
  db: Db,
  ctx: CallContext,
  channel: string,
  at: number,
  schema: S,
  write: () => z.output<S>,
): z.output<S> {
  const device = ctx.device
  const key = ctx.idempotencyKey
  if (device === undefined || key === undefined) return write()
  return db
    .transaction((): z.output<S> => {
      const stored = db
        .prepare('SELECT channel, result FROM device_requests WHERE device_id = ? AND key = ?')
        .get(device.id, key)
      if (stored !== undefined) {
        const row = StoredSchema.parse(stored)
        if (row.channel !== channel) throw new AppError('CONFLICT', 'idempotency key reused for another call')
        const parsed = schema.safeParse(JSON.parse(row.result))
        if (parsed.success) return parsed.data
        throw new Error(`stored answer for ${channel} no longer parses`)
      }
      const result = write()
      db.prepare('INSERT INTO device_requests (device_id, key, channel, result, at) VALUES (?, ?, ?, ?, ?)').run(
        device.id,
        key,
        channel,
        JSON.stringify(result),
        at,
      )
      return result
    })
    .immediate()
}
