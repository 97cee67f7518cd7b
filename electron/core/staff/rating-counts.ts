/**
 * Where a count over [start, end) reads from: migration 12's per-day counts for every Việt Nam day that lies
 * wholly inside the range, and the rating rows themselves for the rest at either edge (less than a day each). The
 * split is exact for any range in any zone; in the centre's own zone (UTC+7) a range of whole days has no edges.
 */
const DAY_MS = 86_400_000
/** Must match migration 12's `(created_at + 25200000) / 86400000`. */
const DAY_OFFSET_MS = 25_200_000

export interface RangeSplit {
  /** Whole rollup days [fromDay, toDay) (empty when fromDay >= toDay). */
  fromDay: number
  toDay: number
  /** The two raw-row stretches [start, end) around them; empty stretches have start >= end. */
  edges: readonly [readonly [number, number], readonly [number, number]]
}

export function splitRange(start: number, end: number): RangeSplit {
  const fromDay = Math.ceil((start + DAY_OFFSET_MS) / DAY_MS)
  const toDay = Math.floor((end + DAY_OFFSET_MS) / DAY_MS)
  if (fromDay >= toDay) return { fromDay: 0, toDay: 0, edges: [[start, end], [end, end]] }
  return { fromDay, toDay, edges: [[start, fromDay * DAY_MS - DAY_OFFSET_MS], [toDay * DAY_MS - DAY_OFFSET_MS, end]] }
}

/** What a count may be grouped by. */
export type CountGroup = 'officer' | 'counter' | 'field' | null

/** The group's expression on a rollup table (field 0 stored for "none" reads back as NULL) and on `ratings r`. */
export function groupExpr(group: CountGroup): { rollup: string; raw: string } {
  switch (group) {
    case 'officer':
      return { rollup: 'officer_id', raw: 'r.officer_id' }
    case 'counter':
      return { rollup: 'counter_id', raw: 'r.counter_id' }
    case 'field':
      return { rollup: 'nullif(field_id, 0)', raw: 'r.field_id' }
    case null:
      return { rollup: 'NULL', raw: 'NULL' }
  }
}

/**
 * The rows a count reads, as one UNION ALL: `rollup` selects from a rollup table over `day >= ? AND day < ?`, `raw`
 * from `ratings r` over `r.created_at >= ? AND r.created_at < ?`, twice (one per edge); each with `AND officer_id
 * = ?` when the count is one officer's. Both selects must give the same columns. Returns the SQL and its params.
 */
export function unionOf(
  split: RangeSplit,
  officerId: number | null,
  select: { rollup: (where: string) => string; raw: (where: string) => string },
): { sql: string; params: number[] } {
  const mine = officerId === null ? '' : ' AND officer_id = ?'
  const mineRaw = officerId === null ? '' : ' AND r.officer_id = ?'
  const who = officerId === null ? [] : [officerId]
  const raw = select.raw(`r.created_at >= ? AND r.created_at < ?${mineRaw}`)
  return {
    sql: `${select.rollup(`day >= ? AND day < ?${mine}`)}\n UNION ALL ${raw}\n UNION ALL ${raw}`,
    params: [split.fromDay, split.toDay, ...who, ...split.edges[0], ...who, ...split.edges[1], ...who],
  }
}
