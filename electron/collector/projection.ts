import { RatingRecordSchema, type RatingRecord } from '../../shared/schemas/rating'
import { vietnamDay } from './store/partitions'
import type { SqlValue } from './store/types'

/**
 * The rating projection: the record's fields as columns beside the stored JSON, so the province's reports query
 * columns instead of parsing JSON. Filled in the same transaction that stores the rating. A rating without a ticket
 * (ticketCode null) is an anonymous one: the kiosk allows it only at counters IT lists, in lobby mode.
 */
export const PROJECTION_COLUMNS = [
  'created_at',
  'day',
  'counter_number',
  'officer_id',
  'officer_name',
  'field_prefix',
  'level',
  'level_key',
  'scale',
  'mode',
  'language',
  'reasons',
  'has_comment',
  'anonymous',
  'ticket_code',
] as const

/**
 * The projected values, in PROJECTION_COLUMNS' order. The server stores only ratings that passed RatingRecordSchema,
 * so a record that does not parse here is a bug, not bad input.
 */
export function projectRating(raw: Record<string, unknown>): SqlValue[] {
  const parsed = RatingRecordSchema.safeParse(raw)
  if (!parsed.success) throw new Error('a rating reached the store without passing RatingRecordSchema')
  return projectParsed(parsed.data)
}

/** The projected values of a rating the server already parsed (intake parses each rating once). */
export function projectParsed(r: RatingRecord): SqlValue[] {
  return [
    r.createdAt,
    vietnamDay(r.createdAt),
    r.counterNumber,
    r.officerId,
    r.officerName,
    r.fieldPrefix,
    r.level,
    r.levelKey,
    r.scale,
    r.mode,
    r.language,
    JSON.stringify(r.reasons),
    r.comment.trim() === '' ? 0 : 1,
    r.ticketCode === null ? 1 : 0,
    r.ticketCode,
  ]
}
