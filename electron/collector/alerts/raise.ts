import { RatingRecordSchema } from '../../../shared/schemas/rating'
import type { DeviceRow } from '../devices'
import { isNegative } from '../signals/levels'
import type { WebSql } from '../web/accounts'
import { enqueueAlert, negativeRatingEvent, tamperEvent } from './outbox'

/**
 * Called by intake at the end of its transaction (a batch, a heartbeat): an alert for each negative rating it
 * stored, and one when the device's first bad seq is new. Written on the same handle, so the alerts commit with
 * the event or not at all, and a replayed batch (answered from the idempotency table) raises nothing again.
 */
export async function raiseAlerts(
  tx: WebSql,
  before: DeviceRow,
  after: DeviceRow,
  stored: readonly Record<string, unknown>[],
  now: number,
): Promise<void> {
  for (const raw of stored) {
    const parsed = RatingRecordSchema.safeParse(raw)
    if (!parsed.success) continue
    const r = parsed.data
    const event = negativeRatingEvent(
      {
        deviceId: after.device_id,
        centreId: after.centre_id,
        uuid: r.uuid,
        level: r.level,
        scale: r.scale,
        counterNumber: r.counterNumber,
        officerName: r.officerName,
        reasons: r.reasons,
        hasComment: r.comment.trim() !== '',
        createdAt: r.createdAt,
      },
      isNegative,
    )
    if (event !== null) await enqueueAlert(tx, { ...event, at: now })
  }
  if (after.bad_seq !== null && after.bad_seq !== before.bad_seq) {
    await enqueueAlert(tx, tamperEvent(after.device_id, after.centre_id, after.bad_seq, after.bad_reason ?? '', now))
  }
}
