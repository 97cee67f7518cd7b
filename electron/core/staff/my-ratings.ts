import { z } from 'zod'
import type { DayRange, MyRatings, OwnRating } from '../../../shared/schemas/staff'
import type { Clock } from '../clock'
import { getOfficerView, getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import { resolveRange, type ResolvedRange } from './day-range'
import {
  RATING_COLUMNS,
  RatingRowSchema,
  SATISFIED_SQL,
  countLevels,
  countReasons,
  levelAggregates,
  oldLevelLabels,
  parseReasons,
  rangeTally,
  reasonAggregates,
  rowsWhere,
  tallyOf,
  type RatingFilter,
} from './rating-stats'

const LATEST = 20

const OwnRowSchema = RatingRowSchema.extend({ dispute: z.enum(['open', 'upheld', 'rejected']).nullable() })
/**
 * Ratings per day of the range: each day is one count (rangeTally) — in the centre's zone a single day row per
 * level, so a year of days stays a few milliseconds.
 */
function trend(db: Db, officerId: number, r: ResolvedRange): MyRatings['trend'] {
  return r.days.map((day, i) => ({
    day,
    ...rangeTally(db, { start: r.starts[i] ?? r.end, end: r.starts[i + 1] ?? r.end, officerId }),
  }))
}

/**
 * One officer's dashboard. Ratings are selected by the officer they are bound to (the officer at the counter
 * when the ticket was called), so a later change of who sits where never moves a rating to someone else.
 * Everything is counted in SQL (rating-stats); only the latest few comments are read as rows.
 */
export function myRatings(db: Db, clock: Clock, officerId: number, range: DayRange): MyRatings {
  const officer = getOfficerView(db, officerId)
  if (!officer) throw new AppError('NOT_FOUND', `no officer ${officerId}`)
  const timeZone = getSetting(db, 'queue').timeZone
  const r = resolveRange(range, clock.now(), timeZone)
  const form = getSetting(db, 'ratingForm')
  const filter: RatingFilter = { start: r.start, end: r.end, officerId }
  const rows = rowsWhere(filter)
  const levelRows = levelAggregates(db, filter, null)
  const levels = countLevels(levelRows, form, oldLevelLabels(db, filter))
  const latest = db
    .prepare(
      `SELECT ${RATING_COLUMNS}, d.status AS dispute FROM ratings r LEFT JOIN disputes d ON d.rating_id = r.id
        WHERE ${rows.where} AND (r.comment <> '' OR NOT (${SATISFIED_SQL}))
        ORDER BY r.created_at DESC, r.id DESC LIMIT ${LATEST}`,
    )
    .all(...rows.params)
    .map((raw) => OwnRowSchema.parse(raw))
  const own = (row: z.output<typeof OwnRowSchema>): OwnRating => {
    const level = levels.find((l) => l.key === row.level_key)
    return {
      id: row.id,
      at: row.created_at,
      ticketCode: row.ticket_code,
      level: { key: row.level_key, value: row.level, label: level?.label ?? { vi: row.level_label, en: '' } },
      satisfied: row.satisfied,
      reasons: parseReasons(row.reasons),
      comment: row.comment,
      dispute: row.dispute,
    }
  }
  return {
    officer: { id: officer.id, fullName: officer.fullName },
    fromDay: r.fromDay,
    toDay: r.toDay,
    tally: tallyOf(levelRows),
    levels,
    trend: trend(db, officerId, r),
    reasons: countReasons(reasonAggregates(db, filter, null), form),
    latest: latest.map(own),
    centre: rangeTally(db, { start: r.start, end: r.end, officerId: null }),
  }
}
