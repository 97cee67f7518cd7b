import { describe, expect, it } from 'vitest'
import { generateRatings } from '../../bench/generate-ratings'
import { explain, recordingDb } from '../../bench/sql-recorder'
import type { Db } from '../../electron/core/db/open'
import { exportSource } from '../../electron/core/reports/export-rows'
import { fixedClock, kioskDb } from '../helpers/core'

/**
 * An export reads its range a page at a time in seq order. Each page must start where the last one stopped: a page
 * that finds its rows by time and sorts them by seq reads the whole range again, so a year's export of a million
 * ratings reads the range some five hundred times.
 */
const NOW = Date.UTC(2026, 4, 29, 8)

function kiosk(): Db {
  const db = kioskDb(fixedClock(NOW))
  generateRatings(db, 2000, '2026-05-29', 40)
  return db
}

/**
 * Moves some ratings in time as a device clock set back and forth would stamp them: seq order then differs from
 * time order, and ratings outside the range sit between those inside it.
 */
function shuffleTimes(db: Db): void {
  db.exec(`UPDATE ratings SET created_at = created_at - 20 * 86400000 WHERE seq % 7 = 0;
           UPDATE ratings SET created_at = created_at + 9 * 86400000 WHERE seq % 11 = 0`)
}

const RANGE = { kind: 'custom', fromDay: '2026-05-05', toDay: '2026-05-20' } as const

describe('the ratings export', () => {
  it('goes on from the last seq of each page instead of reading the range again', () => {
    const db = kiosk()
    const recording = recordingDb(db)
    const source = exportSource(recording.db, fixedClock(NOW), RANGE)
    let rows = 0
    for (const batch of source.batches(100)) rows += batch.length
    expect(rows).toBe(source.total)
    expect(rows).toBeGreaterThan(300) // several pages
    const pages = explain(db, recording.queries).filter((q) => /\bLIMIT\b/.test(q.sql))
    expect(pages).toHaveLength(1)
    const plan = pages[0]?.plan.join(' | ') ?? ''
    expect(plan).not.toMatch(/TEMP B-TREE/)
    expect(plan).toMatch(/\(seq>\? AND seq<\?\)/)
  })

  it('gives exactly the ratings of the range, in seq order, when the clock moved between them', () => {
    const db = kiosk()
    shuffleTimes(db)
    const source = exportSource(db, fixedClock(NOW), RANGE)
    const exported: number[] = []
    for (const batch of source.batches(37)) exported.push(...batch.map((row) => row[1]))
    const fromDay = Date.UTC(2026, 4, 4, 17)
    const toDay = Date.UTC(2026, 4, 20, 17)
    const expected = db
      .prepare('SELECT seq FROM ratings WHERE created_at >= ? AND created_at < ? ORDER BY seq')
      .pluck()
      .all(fromDay, toDay)
    expect(exported).toEqual(expected)
    expect(source.total).toBe(expected.length)
    expect(exported.length).toBeGreaterThan(0)
  })
})
