import { z } from 'zod'
import { EpochMsSchema, line } from './common'
import { BatchHeadSchema, RawItemSchema } from './upload'

/**
 * Protocol extension: disputes of ratings (PROTOCOL.md, "POST /v1/disputes"). A dispute travels as one record
 * per state change — opened by the officer, then upheld or rejected by IT — never as an edit of the rating, which
 * it names by uuid. The collector dedupes by (device, dispute uuid, state).
 */

/** Most dispute events in one request (they are small; a busy centre has a handful a day). */
export const MAX_BATCH_DISPUTES = 200

export const DisputeStateSchema = z.enum(['open', 'upheld', 'rejected'])

export const DisputeRecordSchema = z.strictObject({
  /** The dispute's id, the same in all of its state records. */
  uuid: z.uuid(),
  deviceId: z.uuid(),
  /** The disputed rating (sent in /v1/batches, possibly later than this record). */
  ratingUuid: z.uuid(),
  state: DisputeStateSchema,
  /** For `open` the officer's note, for `upheld` / `rejected` IT's resolution note (may be empty). */
  note: line(500),
  /** Display name of who made the change (the officer, or the IT / leader account). */
  by: line(100),
  /** Device clock when the change was made, ms. */
  at: EpochMsSchema,
})
export type DisputeRecord = z.infer<typeof DisputeRecordSchema>

/** The batch id is derived from the (uuid, state) pairs it carries. */
export const DisputeBatchSchema = BatchHeadSchema.extend({
  disputes: z.array(DisputeRecordSchema).min(1).max(MAX_BATCH_DISPUTES),
})
export type DisputeBatch = z.infer<typeof DisputeBatchSchema>

/** The envelope alone, so a collector can name the offending records instead of refusing the whole request. */
export const DisputeEnvelopeSchema = BatchHeadSchema.extend({
  disputes: z.array(RawItemSchema).min(1).max(MAX_BATCH_DISPUTES),
})

export const DisputeAckSchema = z.strictObject({
  batchId: z.uuid(),
  results: z
    .array(
      z.strictObject({
        uuid: z.uuid(),
        state: DisputeStateSchema,
        status: z.enum(['stored', 'duplicate', 'conflict']),
        reason: line(500).optional(),
      }),
    )
    .max(MAX_BATCH_DISPUTES),
})
export type DisputeAck = z.infer<typeof DisputeAckSchema>
