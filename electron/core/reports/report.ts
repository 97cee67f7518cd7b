import type { DayRange } from '../../../shared/schemas/staff'
import type { Report, ReportGroup, ReportRow } from '../../../shared/schemas/reports'
import type { Clock } from '../clock'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { resolveRange } from '../staff/day-range'
import { RATING_COLUMNS, RatingRowSchema, countLevels, countReasons, tally, type RatingRow } from '../staff/rating-stats'

/** Names of the groups as they are now (a renamed counter reports under its new name). */
function groupNames(db: Db, groupBy: ReportGroup): Map<number, string> {
  const sql = {
    officer: 'SELECT id, full_name AS name FROM officers',
    counter: "SELECT id, name_vi AS name FROM counters",
    field: "SELECT id, prefix || ' – ' || name_vi AS name FROM service_fields",
  }[groupBy]
  return new Map((db.prepare(sql).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]))
}

const keyOf = (row: RatingRow, groupBy: ReportGroup): number | null =>
  groupBy === 'officer' ? row.officer_id : groupBy === 'counter' ? row.counter_id : row.field_id

/** The satisfaction report over a range of days, grouped by officer, counter or field, best rate first. */
export function buildReport(db: Db, clock: Clock, range: DayRange, groupBy: ReportGroup): Report {
  const r = resolveRange(range, clock.now(), getSetting(db, 'queue').timeZone)
  const form = getSetting(db, 'ratingForm')
  const rows = db
    .prepare(`SELECT ${RATING_COLUMNS} FROM ratings r WHERE r.created_at >= ? AND r.created_at < ?`)
    .all(r.start, r.end)
    .map((raw) => RatingRowSchema.parse(raw))
  const names = groupNames(db, groupBy)
  const groups = new Map<number | null, RatingRow[]>()
  for (const row of rows) {
    const key = keyOf(row, groupBy)
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  const reportRows: ReportRow[] = [...groups.entries()].map(([id, list]) => ({
    id,
    name: id === null ? '—' : (names.get(id) ?? `#${id}`),
    tally: tally(list.length, list.filter((x) => x.satisfied).length),
    levels: countLevels(list, form),
    topReasons: countReasons(list, form, 3),
  }))
  reportRows.sort(
    (a, b) =>
      (b.tally.rate ?? -1) - (a.tally.rate ?? -1) || b.tally.total - a.tally.total || a.name.localeCompare(b.name),
  )
  return {
    fromDay: r.fromDay,
    toDay: r.toDay,
    groupBy,
    generatedAt: clock.now(),
    centreName: getSetting(db, 'centre').name.vi,
    total: tally(rows.length, rows.filter((x) => x.satisfied).length),
    levels: countLevels(rows, form),
    reasons: countReasons(rows, form),
    rows: reportRows,
  }
}
