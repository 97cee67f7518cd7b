import type { RatingRecord } from '../../../shared/schemas/rating'
import type { DeviceRow } from '../devices'
import { isNegative } from '../signals/levels'
import type { Statement } from '../store/types'
import { alertsInsert, negativeRatingEvent, tamperEvent, type AlertEvent } from './outbox'

/**
 * The alerts a batch or heartbeat calls for: one for each negative rating it stored, and one when the device's
 * first bad seq is new. Raised with the event's own transaction, so the alerts commit with it or not at all, and a
 * replayed batch (answered from the idempotency table) raises nothing again.
 */
export function alertEvents(before: DeviceRow, after: DeviceRow, stored: readonly RatingRecord[], now: number): AlertEvent[] {
  const events: AlertEvent[] = []
  for (const r of stored) {
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
    if (event !== null) events.push({ ...event, at: now })
  }
  if (after.bad_seq !== null && after.bad_seq !== before.bad_seq) {
    events.push(tamperEvent(after.device_id, after.centre_id, after.bad_seq, after.bad_reason ?? '', now))
  }
  return events
}

/** The alerts as one write for intake's writeAll (batches and heartbeats), or none. */
export function alertWrites(before: DeviceRow, after: DeviceRow, stored: readonly RatingRecord[], now: number): Statement[] {
  const events = alertEvents(before, after, stored, now)
  return events.length === 0 ? [] : [alertsInsert(events)]
}
