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
  centreTally,
  countLevels,
  countReasons,
  levelAggregates,
  parseReasons,
  reasonAggregates,
  tally,
  tallyOf,
  type RatingFilter,
} from './rating-stats'

const LATEST = 20

const OwnRowSchema = RatingRowSchema.extend({ dispute: z.enum(['open', 'upheld', 'rejected']).nullable() })
const DayRowSchema = z.strictObject({ i: z.number().int(), total: z.number().int(), satisfied: z.number().int() })

/**
 * Ratings per day of the range, counted by SQLite: the day boundaries (in the centre's zone, from day-range) go
 * in as a JSON list, and each day is one range scan of `ratings_by_officer`.
 */
function trend(db: Db, officerId: number, r: ResolvedRange): MyRatings['trend'] {
  const bounds = r.starts.map((start, i) => [start, r.starts[i + 1] ?? r.end])
  const counts = db
    .prepare(
      `SELECT d.key AS i, count(r.id) AS total, ifnull(sum(${SATISFIED_SQL}), 0) AS satisfied
         FROM json_each(?) d
         LEFT JOIN ratings r ON r.officer_id = ? AND r.created_at >= d.value ->> 0 AND r.created_at < d.value ->> 1
        GROUP BY d.key`,
    )
    .all(JSON.stringify(bounds), officerId)
    .map((raw) => DayRowSchema.parse(raw))
  const byIndex = new Map(counts.map((c) => [c.i, c]))
  return r.days.map((day, i) => ({ day, ...tally(byIndex.get(i)?.total ?? 0, byIndex.get(i)?.satisfied ?? 0) }))
}

/**
 * One officer's dashboard. Ratings are selected by the officer they are bound to (the officer at the counter
 * when the ticket was called), so a later change of who sits where never moves a rating to someone else.
 * Everything is counted in SQL over `ratings_by_officer`; only the latest few comments are read as rows.
 */
export function myRatings(db: Db, clock: Clock, officerId: number, range: DayRange): MyRatings {
  const officer = getOfficerView(db, officerId)
  if (!officer) throw new AppError('NOT_FOUND', `no officer ${officerId}`)
  const timeZone = getSetting(db, 'queue').timeZone
  const r = resolveRange(range, clock.now(), timeZone)
  const form = getSetting(db, 'ratingForm')
  const filter: RatingFilter = {
    where: 'r.officer_id = ? AND r.created_at >= ? AND r.created_at < ?',
    params: [officerId, r.start, r.end],
  }
  const levelRows = levelAggregates(db, filter, null)
  const levels = countLevels(db, filter, levelRows, form)
  const latest = db
    .prepare(
      `SELECT ${RATING_COLUMNS}, d.status AS dispute FROM ratings r LEFT JOIN disputes d ON d.rating_id = r.id
        WHERE ${filter.where} AND (r.comment <> '' OR NOT (${SATISFIED_SQL}))
        ORDER BY r.created_at DESC, r.id DESC LIMIT ${LATEST}`,
    )
    .all(...filter.params)
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
    centre: centreTally(db, r.start, r.end),
  }
}
