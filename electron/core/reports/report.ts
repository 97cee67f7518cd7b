import type { DayRange } from '../../../shared/schemas/staff'
import type { Report, ReportGroup, ReportRow } from '../../../shared/schemas/reports'
import type { Clock } from '../clock'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { resolveRange } from '../staff/day-range'
import {
  countLevels,
  countReasons,
  levelAggregates,
  oldLevelLabels,
  reasonAggregates,
  tallyOf,
  type RatingFilter,
} from '../staff/rating-stats'

/** Names of the groups as they are now (a renamed counter reports under its new name). */
function groupNames(db: Db, groupBy: ReportGroup): Map<number, string> {
  const sql = {
    officer: 'SELECT id, full_name AS name FROM officers',
    counter: "SELECT id, name_vi AS name FROM counters",
    field: "SELECT id, prefix || ' – ' || name_vi AS name FROM service_fields",
  }[groupBy]
  return new Map((db.prepare(sql).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]))
}

function byGroup<T extends { grp: number | null }>(rows: readonly T[]): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>()
  for (const row of rows) {
    const list = groups.get(row.grp)
    if (list) list.push(row)
    else groups.set(row.grp, [row])
  }
  return groups
}

/**
 * The satisfaction report over a range of days, grouped by officer, counter or field, best rate first. SQLite
 * counts (per group × level, per group × reason) from the per-day counts and the rows at the range's edges; only
 * those few counts reach JavaScript.
 */
export function buildReport(db: Db, clock: Clock, range: DayRange, groupBy: ReportGroup): Report {
  const r = resolveRange(range, clock.now(), getSetting(db, 'queue').timeZone)
  const form = getSetting(db, 'ratingForm')
  const filter: RatingFilter = { start: r.start, end: r.end, officerId: null }
  const levels = levelAggregates(db, filter, groupBy)
  const reasons = reasonAggregates(db, filter, groupBy)
  const reasonsOf = byGroup(reasons)
  const names = groupNames(db, groupBy)
  const oldLabel = oldLevelLabels(db, filter)
  const reportRows: ReportRow[] = [...byGroup(levels).entries()].map(([id, list]) => ({
    id,
    name: id === null ? '—' : (names.get(id) ?? `#${id}`),
    tally: tallyOf(list),
    levels: countLevels(list, form, oldLabel),
    topReasons: countReasons(reasonsOf.get(id) ?? [], form, 3),
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
    total: tallyOf(levels),
    levels: countLevels(levels, form, oldLabel),
    reasons: countReasons(reasons, form),
    rows: reportRows,
  }
}
