import { z } from 'zod'
import type { DayRange, MyRatings, OwnRating } from '../../../shared/schemas/staff'
import type { Clock } from '../clock'
import { getOfficerView, getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import { serviceDay } from '../queue/service-day'
import { resolveRange } from './day-range'
import {
  RATING_COLUMNS,
  RatingRowSchema,
  centreTally,
  countLevels,
  countReasons,
  parseReasons,
  tally,
  type RatingRow,
} from './rating-stats'

const LATEST = 20

/**
 * One officer's dashboard. Ratings are selected by the officer they are bound to (the officer at the counter
 * when the ticket was called), so a later change of who sits where never moves a rating to someone else.
 */
export function myRatings(db: Db, clock: Clock, officerId: number, range: DayRange): MyRatings {
  const officer = getOfficerView(db, officerId)
  if (!officer) throw new AppError('NOT_FOUND', `no officer ${officerId}`)
  const timeZone = getSetting(db, 'queue').timeZone
  const r = resolveRange(range, clock.now(), timeZone)
  const form = getSetting(db, 'ratingForm')
  const rows = db
    .prepare(
      `SELECT ${RATING_COLUMNS}, d.status AS dispute FROM ratings r LEFT JOIN disputes d ON d.rating_id = r.id
        WHERE r.officer_id = ? AND r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at DESC, r.id DESC`,
    )
    .all(officerId, r.start, r.end)
    .map((raw) => RatingRowSchema.extend({ dispute: z.enum(['open', 'upheld', 'rejected']).nullable() }).parse(raw))

  const byDay = new Map(r.days.map((day) => [day, { total: 0, satisfied: 0 }]))
  for (const row of rows) {
    const day = byDay.get(serviceDay(row.created_at, { timeZone, resetHour: 0 }))
    if (!day) continue
    day.total++
    if (row.satisfied) day.satisfied++
  }
  const levels = countLevels(rows, form)
  const own = (row: RatingRow & { dispute: OwnRating['dispute'] }): OwnRating => {
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
    tally: tally(rows.length, rows.filter((row) => row.satisfied).length),
    levels,
    trend: [...byDay.entries()].map(([day, t]) => ({ day, ...tally(t.total, t.satisfied) })),
    reasons: countReasons(rows, form),
    latest: rows.filter((row) => row.comment !== '' || !row.satisfied).slice(0, LATEST).map(own),
    centre: centreTally(db, r.start, r.end),
  }
}
