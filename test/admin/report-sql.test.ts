import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateRatings } from '../../bench/generate-ratings'
import { recordingDb } from '../../bench/sql-recorder'
import type { Db } from '../../electron/core/db/open'
import { buildReport } from '../../electron/core/reports/report'
import { myRatings } from '../../electron/core/staff/my-ratings'
import type { ReportGroup } from '../../shared/schemas/reports'
import { fixedClock, kioskDb } from '../helpers/core'

/** 15:00 in Hà Nội on the last generated day. */
const NOW = Date.UTC(2026, 4, 29, 8)
const COUNT = 3000

/** A kiosk file from the real core, filled by the bench's generator (which must give rows the app's reads accept). */
function kioskWithRatings(): { db: Db; clock: ReturnType<typeof fixedClock>; fromDay: string; toDay: string } {
  const clock = fixedClock(NOW)
  const db = kioskDb(clock)
  const gen = generateRatings(db, COUNT, '2026-05-29', 60)
  return { db, clock, fromDay: gen.fromDay, toDay: gen.toDay }
}

interface Row {
  officer_id: number
  counter_id: number
  field_id: number | null
  level: number
  scale: number
  level_key: string
  reasons: string
  created_at: number
}

/** The plain way, for comparison: every row into JavaScript, counted by hand. */
function recount(db: Db, start: number, end: number, key: (r: Row) => number | null) {
  const rows = db.prepare('SELECT * FROM ratings WHERE created_at >= ? AND created_at < ?').all(start, end) as Row[]
  const groups = new Map<number | null, { total: number; satisfied: number; levels: Record<string, number>; reasons: Record<string, number> }>()
  for (const r of rows) {
    const g = groups.get(key(r)) ?? { total: 0, satisfied: 0, levels: {}, reasons: {} }
    g.total++
    if (r.level > r.scale - 2) g.satisfied++
    g.levels[r.level_key] = (g.levels[r.level_key] ?? 0) + 1
    for (const reason of JSON.parse(r.reasons) as string[]) g.reasons[reason] = (g.reasons[reason] ?? 0) + 1
    groups.set(key(r), g)
  }
  return { rows: rows.length, groups }
}

describe('reports and "my ratings" are counted by SQLite', () => {
  const keys: Record<ReportGroup, (r: Row) => number | null> = {
    officer: (r) => r.officer_id,
    counter: (r) => r.counter_id,
    field: (r) => r.field_id,
  }

  it.each(['officer', 'counter', 'field'] as const)('a report by %s gives the hand count while only counts reach JavaScript', (groupBy) => {
    const { db, clock, fromDay, toDay } = kioskWithRatings()
    const spy = recordingDb(db)
    const report = buildReport(spy.db, clock, { kind: 'custom', fromDay, toDay }, groupBy)

    const expected = recount(db, Date.UTC(2026, 2, 30, 17), Date.UTC(2026, 4, 29, 17), keys[groupBy])
    expect(expected.rows).toBe(COUNT)
    expect(report.total.total).toBe(COUNT)
    expect(report.rows).toHaveLength(expected.groups.size)
    for (const row of report.rows) {
      const want = expected.groups.get(row.id)
      expect(want, `group ${row.id}`).toBeDefined()
      expect(row.tally.total).toBe(want?.total)
      expect(row.tally.satisfied).toBe(want?.satisfied)
      for (const level of row.levels) expect(level.count).toBe(want?.levels[level.key] ?? 0)
      const top = Object.entries(want?.reasons ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)
      expect(row.topReasons.map((r) => [r.key, r.count])).toEqual(top)
    }
    // The report reads counts (groups × levels, groups × reasons, a few settings), never the 3000 ratings.
    const rowsRead = spy.queries.reduce((sum, q) => sum + q.rows, 0)
    expect(rowsRead).toBeLessThan(150)
  })

  it('"my ratings" over 30 days gives the hand count per day while only counts and the latest comments are read', () => {
    const { db, clock } = kioskWithRatings()
    const officerId = Number(db.prepare('SELECT officer_id FROM ratings ORDER BY seq DESC LIMIT 1').pluck().get())
    const spy = recordingDb(db)
    const mine = myRatings(spy.db, clock, officerId, { kind: 'last', days: 30 })

    const start = Date.UTC(2026, 3, 29, 17) // 30 April 00:00 in Hà Nội
    const expected = recount(db, start, Date.UTC(2026, 4, 29, 17), (r) => (r.officer_id === officerId ? 1 : 0)).groups.get(1)
    expect(mine.tally.total).toBe(expected?.total)
    expect(mine.tally.satisfied).toBe(expected?.satisfied)
    expect(mine.trend).toHaveLength(30)
    const perDay = db
      .prepare('SELECT count(*) FROM ratings WHERE officer_id = ? AND created_at >= ? AND created_at < ?')
      .pluck()
    mine.trend.forEach((day, i) => {
      expect(day.total, day.day).toBe(perDay.get(officerId, start + i * 86_400_000, start + (i + 1) * 86_400_000))
    })
    const worth = db
      .prepare(
        `SELECT id FROM ratings WHERE officer_id = ? AND created_at >= ? AND (comment <> '' OR level <= scale - 2)
          ORDER BY created_at DESC, id DESC LIMIT 20`,
      )
      .pluck()
      .all(officerId, start)
    expect(worth.length).toBeGreaterThan(5)
    expect(mine.latest.map((r) => r.id)).toEqual(worth)
    const rowsRead = spy.queries.reduce((sum, q) => sum + q.rows, 0)
    expect(rowsRead).toBeLessThan(100)
  })

  it('a rating whose stored reasons are not JSON still counts, and adds no reason', () => {
    const { db, clock, fromDay, toDay } = kioskWithRatings()
    const damaged = new Database(db.name)
    try {
      damaged.prepare("UPDATE ratings SET reasons = 'not json' WHERE seq = 1").run()
    } finally {
      damaged.close()
    }
    expect(buildReport(db, clock, { kind: 'custom', fromDay, toDay }, 'officer').total.total).toBe(COUNT)
  })
})
