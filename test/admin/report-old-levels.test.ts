import { describe, expect, it } from 'vitest'
import { generateRatings } from '../../bench/generate-ratings'
import { recordingDb } from '../../bench/sql-recorder'
import { buildReport } from '../../electron/core/reports/report'
import { fixedClock, kioskDb } from '../helpers/core'

/**
 * A level no longer on the form (IT changed the form) is named by the label stored with one of its ratings. That
 * label is found by reading rating rows over the range — the one read of rows a year's report cannot answer from
 * the day counts — so a report looks it up once per level, not once per level for every officer, counter or field.
 */
const NOW = Date.UTC(2026, 4, 29, 8)

describe('a report with levels that left the form', () => {
  it('looks each old level label up once, and names it in every group and in the total', () => {
    const clock = fixedClock(NOW)
    const db = kioskDb(clock)
    const gen = generateRatings(db, 600, '2026-05-29', 10)
    // The last ratings of the range were given on a form whose top level had another key and label.
    db.exec(`UPDATE ratings SET level_key = 'tot_lam', level_label = 'Tốt lắm'
              WHERE level = 3 AND seq > (SELECT max(seq) - 150 FROM ratings)`)
    const officers = Number(db.prepare("SELECT count(DISTINCT officer_id) FROM ratings WHERE level_key = 'tot_lam'").pluck().get())
    expect(officers).toBeGreaterThan(2)

    const recording = recordingDb(db)
    const report = buildReport(recording.db, clock, { kind: 'custom', fromDay: gen.fromDay, toDay: gen.toDay }, 'officer')
    const old = (levels: { key: string; label: { vi: string }; count: number }[]) => levels.find((l) => l.key === 'tot_lam')
    expect(old(report.levels)).toMatchObject({ label: { vi: 'Tốt lắm' } })
    expect(report.rows.filter((row) => old(row.levels)?.label.vi === 'Tốt lắm').length).toBe(officers)
    const lookups = recording.queries.filter((q) => /SELECT r\.level_label FROM ratings/.test(q.sql))
    expect(lookups).toHaveLength(1)
  })
})
