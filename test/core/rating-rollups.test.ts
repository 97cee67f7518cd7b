import path from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { migrations } from '../../electron/core/db/migrations'
import { openDatabase, type Db } from '../../electron/core/db/open'
import { splitRange } from '../../electron/core/staff/rating-counts'
import { levelAggregates, rangeTally, reasonAggregates } from '../../electron/core/staff/rating-stats'
import { fixedClock } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

/**
 * Migration 12's per-day counts must equal the rating rows at every moment: after any mix of inserts, changes and
 * removals (triggers), after the migration's backfill of rows written before it, and read back through the
 * report functions for ranges that cut days anywhere.
 */
const DAY = 86_400_000
/** 2026-05-01 00:00 in Hà Nội. */
const T0 = Date.UTC(2026, 3, 30, 17)
const LEVELS = [
  { key: 'very_satisfied', level: 3 },
  { key: 'satisfied', level: 2 },
  { key: 'not_satisfied', level: 1 },
  { key: 'old_level', level: 2 }, // a level no longer on the form still counts under its own key
]
const REASONS = ['["slow"]', '["slow","unclear_guidance"]', '["slow","slow"]', '[]', 'not json', '{"a":"x"}', '"slow"']

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

const ratingArb = fc.record({
  at: fc.integer({ min: T0 - 2 * DAY, max: T0 + 5 * DAY }),
  officer: fc.integer({ min: 1, max: 3 }),
  counter: fc.integer({ min: 1, max: 2 }),
  field: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
  level: fc.constantFrom(...LEVELS),
  reasons: fc.constantFrom(...REASONS),
})
type Rating = typeof ratingArb extends fc.Arbitrary<infer T> ? T : never

const opArb = fc.oneof(
  { weight: 4, arbitrary: ratingArb.map((r) => ({ kind: 'insert' as const, r })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), r: ratingArb }) },
)

/** Rating rows straight in SQL (the triggers must catch every writer, not only rating-service). */
function writer(db: Db) {
  let seq = Number(db.prepare('SELECT ifnull(max(seq), 0) FROM ratings').pluck().get())
  const insert = db.prepare(
    `INSERT INTO ratings (uuid, seq, counter_id, officer_id, field_id, officer_name, counter_number, level, level_key,
                          level_label, scale, reasons, language, mode, created_at, link)
     VALUES (?, ?, ?, ?, ?, 'Cán bộ', 1, ?, ?, 'Nhãn', 3, ?, 'vi', 'lobby', ?, 'x')`,
  )
  return (r: Rating) => {
    seq++
    insert.run(`u-${seq}`, seq, r.counter, r.officer, r.field, r.level.level, r.level.key, r.reasons, r.at)
  }
}

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never

function apply(db: Db, op: Op, insert: (r: Rating) => void): void {
  if (op.kind === 'insert') return insert(op.r)
  const ids = db.prepare('SELECT id FROM ratings ORDER BY id').pluck().all() as number[]
  const id = ids[op.pick % Math.max(1, ids.length)]
  if (id === undefined) return
  if (op.kind === 'delete') db.prepare('DELETE FROM ratings WHERE id = ?').run(id)
  else {
    const r = op.r
    db.prepare(
      `UPDATE ratings SET created_at = ?, officer_id = ?, counter_id = ?, field_id = ?, level = ?, level_key = ?,
                          reasons = ? WHERE id = ?`,
    ).run(r.at, r.officer, r.counter, r.field, r.level.level, r.level.key, r.reasons, id)
  }
}

/** The day counts, and the same counted from the rows, both without zero counts. */
function compare(db: Db): void {
  const days = (sql: string) => db.prepare(sql).all()
  expect(
    days(`SELECT day, officer_id, counter_id, field_id, level_key, level, scale, n FROM rating_days WHERE n <> 0
           ORDER BY 1, 2, 3, 4, 5, 6, 7`),
  ).toEqual(
    days(`SELECT (created_at + 25200000) / 86400000 AS day, officer_id, counter_id, ifnull(field_id, 0) AS field_id,
                 level_key, level, scale, count(*) AS n
            FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`),
  )
  expect(days('SELECT day, officer_id, counter_id, field_id, reason, n FROM rating_day_reasons WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5')).toEqual(
    days(`SELECT (r.created_at + 25200000) / 86400000 AS day, r.officer_id, r.counter_id,
                 ifnull(r.field_id, 0) AS field_id, j.value AS reason, count(*) AS n
            FROM ratings r, json_each(CASE WHEN json_valid(r.reasons) THEN r.reasons ELSE '[]' END) j
           WHERE r.reasons <> '[]' AND j.type = 'text'
           GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  )
}

/** A kiosk file at the current version with the few parent rows the ratings point at (foreign keys stay on). */
function emptyKiosk(): Db {
  const file = path.join(tempDir(), 'kiosk.db')
  const db = openDatabase(file, fixedClock()).db
  open.push(db)
  seedParents(db)
  return db
}

function seedParents(db: Db): void {
  db.exec(`
    INSERT INTO counters (id, number, name_vi, name_en) VALUES (1, 1, 'Quầy 1', ''), (2, 2, 'Quầy 2', '');
    INSERT INTO officers (id, full_name, title_vi, title_en) VALUES (1, 'A', '', ''), (2, 'B', '', ''), (3, 'C', '', '');
    INSERT INTO service_fields (id, prefix, name_vi, name_en, sort_order) VALUES (1, 'A', 'Đất đai', '', 1), (2, 'B', 'Hộ tịch', '', 2);
  `)
}

describe('per-day rating counts (migration 12)', () => {
  it('equal the rows after any mix of inserts, changes and removals', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        const db = emptyKiosk()
        const insert = writer(db)
        for (const op of ops) apply(db, op, insert)
        compare(db)
        db.close()
        open.splice(open.indexOf(db), 1)
      }),
      { numRuns: 40, seed: 12 },
    )
  })

  it('are filled from the ratings already there when the migration runs', () => {
    const file = path.join(tempDir(), 'kiosk.db')
    const old = new Database(file)
    try {
      for (const sql of migrations.slice(0, 11)) old.exec(sql)
      old.pragma('user_version = 11')
      seedParents(old)
      const insert = writer(old)
      fc.sample(ratingArb, { numRuns: 300, seed: 7 }).forEach(insert)
    } finally {
      old.close()
    }
    const db = openDatabase(file, fixedClock()).db
    open.push(db)
    expect(db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(300)
    expect(db.prepare('SELECT sum(n) FROM rating_days').pluck().get()).toBe(300)
    compare(db)
  })

  it('give the hand count for any range, edges cut anywhere in a day, for everyone or one officer', () => {
    const db = emptyKiosk()
    const insert = writer(db)
    fc.sample(ratingArb, { numRuns: 400, seed: 3 }).forEach(insert)
    const rangeArb = fc
      .tuple(fc.integer({ min: T0 - 3 * DAY, max: T0 + 6 * DAY }), fc.integer({ min: 0, max: 6 * DAY }))
      .map(([start, length]) => ({ start, end: start + length }))
    fc.assert(
      fc.property(rangeArb, fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), fc.constantFrom('officer', 'counter', 'field', null), (range, officerId, group) => {
        const filter = { ...range, officerId }
        const mine = officerId === null ? '' : ` AND officer_id = ${officerId}`
        const col = group === null ? 'NULL' : `${group}_id`
        const rows = db
          .prepare(
            `SELECT ${col} AS grp, level_key, min(level) AS level, count(*) AS n, sum(level > scale - 2) AS satisfied
               FROM ratings WHERE created_at >= ? AND created_at < ?${mine} GROUP BY grp, level_key ORDER BY 1, 2`,
          )
          .all(range.start, range.end)
        const byKey = (a: { grp: number | null; level_key?: string; reason?: string }, b: typeof a) =>
          (a.grp ?? 0) - (b.grp ?? 0) || String(a.level_key ?? a.reason).localeCompare(String(b.level_key ?? b.reason))
        expect([...levelAggregates(db, filter, group)].sort(byKey)).toEqual([...rows].sort(byKey as never))
        const reasons = db
          .prepare(
            `SELECT ${group === null ? 'NULL' : `r.${group}_id`} AS grp, j.value AS reason, count(*) AS n
               FROM ratings r, json_each(CASE WHEN json_valid(r.reasons) THEN r.reasons ELSE '[]' END) j
              WHERE r.created_at >= ? AND r.created_at < ?${mine.replace('officer_id', 'r.officer_id')}
                AND r.reasons <> '[]' AND j.type = 'text' GROUP BY grp, reason`,
          )
          .all(range.start, range.end)
        expect([...reasonAggregates(db, filter, group)].sort(byKey)).toEqual([...reasons].sort(byKey as never))
        const total = db.prepare(`SELECT count(*) FROM ratings WHERE created_at >= ? AND created_at < ?${mine}`).pluck()
        expect(rangeTally(db, filter).total).toBe(total.get(range.start, range.end))
      }),
      { numRuns: 150, seed: 5 },
    )
  })

  it('splits a range into whole Hà Nội days and the stretches around them', () => {
    // 30 whole days in Hà Nội: nothing is left for the rows.
    expect(splitRange(T0, T0 + 30 * DAY).edges.every(([s, e]) => s >= e)).toBe(true)
    // Noon to noon: half a day of rows at each edge, the day between from the counts.
    const noon = T0 + DAY / 2
    const split = splitRange(noon, noon + 2 * DAY)
    expect(split.toDay - split.fromDay).toBe(1)
    expect(split.edges).toEqual([[noon, T0 + DAY], [T0 + 2 * DAY, noon + 2 * DAY]])
    // Less than a day: rows only.
    expect(splitRange(noon, noon + 3_600_000)).toEqual({ fromDay: 0, toDay: 0, edges: [[noon, noon + 3_600_000], [noon + 3_600_000, noon + 3_600_000]] })
  })
})
