import { z } from 'zod'
import type { RatingForm } from '../../../shared/schemas/rating'
import type { LevelCount, ReasonCount, Tally } from '../../../shared/schemas/staff'
import { IdSchema } from '../../../shared/schemas/common'
import type { Db } from '../db/open'
import { cached } from '../db/statements'
import { groupExpr, splitRange, unionOf, type CountGroup } from './rating-counts'

/**
 * Satisfied = one of the top two levels of the scale the citizen saw (Rất hài lòng, Hài lòng), whatever the
 * keys or labels are today: DESIGN §2's rate is (Rất hài lòng + Hài lòng) / total.
 */
export const SATISFIED_SQL = 'r.level > r.scale - 2'

export function tally(total: number, satisfied: number): Tally {
  return { total, satisfied, rate: total === 0 ? null : satisfied / total }
}

export const RatingRowSchema = z.strictObject({
  id: IdSchema,
  created_at: z.number().int(),
  officer_id: IdSchema,
  counter_id: IdSchema,
  field_id: IdSchema.nullable(),
  ticket_code: z.string().nullable(),
  level: z.number().int().min(1).max(5),
  level_key: z.string(),
  level_label: z.string(),
  satisfied: z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
  reasons: z.string(),
  comment: z.string(),
})
export type RatingRow = z.output<typeof RatingRowSchema>

export const RATING_COLUMNS = `r.id, r.created_at, r.officer_id, r.counter_id, r.field_id, r.ticket_code, r.level,
  r.level_key, r.level_label, (${SATISFIED_SQL}) AS satisfied, r.reasons, r.comment`

export function parseReasons(json: string): string[] {
  const parsed = z.array(z.string().max(40)).max(12).safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : []
}

/** Which ratings a count covers: those created in [start, end), of one officer or of everyone. */
export interface RatingFilter {
  start: number
  end: number
  officerId: number | null
}

/** The same filter as an SQL condition on `ratings r`, for reads of rows (not counts). */
export function rowsWhere(filter: RatingFilter): { where: string; params: number[] } {
  const range = 'r.created_at >= ? AND r.created_at < ?'
  return filter.officerId === null
    ? { where: range, params: [filter.start, filter.end] }
    : { where: `r.officer_id = ? AND ${range}`, params: [filter.officerId, filter.start, filter.end] }
}

export type { CountGroup } from './rating-counts'

const LevelAggSchema = z.strictObject({
  grp: z.number().int().nullable(),
  level_key: z.string(),
  level: z.number().int(),
  n: z.number().int(),
  satisfied: z.number().int(),
})
export type LevelAgg = z.infer<typeof LevelAggSchema>

const ReasonAggSchema = z.strictObject({ grp: z.number().int().nullable(), reason: z.string(), n: z.number().int() })
export type ReasonAgg = z.infer<typeof ReasonAggSchema>

/**
 * How many ratings of each level (and how many of them satisfied), per group: migration 12's day counts for the
 * whole days of the range, the rows for its edges (rating-counts), summed by SQLite.
 */
export function levelAggregates(db: Db, filter: RatingFilter, group: CountGroup): LevelAgg[] {
  const { sql, params } = levelRows(filter, group)
  return cached(
    db,
    `SELECT grp, level_key, min(level) AS level, sum(n) AS n, sum(${SATISFIED_OF_N}) AS satisfied
       FROM (${sql}) GROUP BY grp, level_key HAVING sum(n) > 0`,
  )
    .all(...params)
    .map((raw) => LevelAggSchema.parse(raw))
}

/** `n` ratings of one level and scale, of which satisfied: all of them or none (see SATISFIED_SQL). */
const SATISFIED_OF_N = 'CASE WHEN level > scale - 2 THEN n ELSE 0 END'

/** Rows of (grp, level_key, level, scale, n) whose sums are the counts of the filter's ratings. */
function levelRows(filter: RatingFilter, group: CountGroup): { sql: string; params: number[] } {
  const g = groupExpr(group)
  return unionOf(splitRange(filter.start, filter.end), filter.officerId, {
    rollup: (where) => `SELECT ${g.rollup} AS grp, level_key, level, scale, n FROM rating_days WHERE ${where}`,
    raw: (where) => `SELECT ${g.raw} AS grp, r.level_key, r.level, r.scale, 1 AS n FROM ratings r WHERE ${where}`,
  })
}

const TallyRowSchema = z.strictObject({ total: z.number().int(), satisfied: z.number().int() })

/** Total and satisfied over the ratings of the centre (or of one officer) in [start, end): one row read. */
export function rangeTally(db: Db, filter: RatingFilter): Tally {
  const { sql, params } = levelRows(filter, null)
  const row = TallyRowSchema.parse(
    cached(db, `SELECT ifnull(sum(n), 0) AS total, ifnull(sum(${SATISFIED_OF_N}), 0) AS satisfied FROM (${sql})`).get(
      ...params,
    ),
  )
  return tally(row.total, row.satisfied)
}

/**
 * How often each reason was ticked, per group. Only negative ratings carry reasons: the edges read the partial
 * index `ratings_with_reasons` that holds just those (named with INDEXED BY: for one officer the planner would
 * otherwise pick `ratings_by_officer` and visit every rating row). A row whose JSON is not a list of strings
 * counts as no reasons, in the day counts too (migration 12 reads reasons the same way).
 */
export function reasonAggregates(db: Db, filter: RatingFilter, group: CountGroup): ReasonAgg[] {
  const g = groupExpr(group)
  const { sql, params } = unionOf(splitRange(filter.start, filter.end), filter.officerId, {
    rollup: (where) => `SELECT ${g.rollup} AS grp, reason, n FROM rating_day_reasons WHERE ${where}`,
    raw: (where) =>
      `SELECT ${g.raw} AS grp, j.value AS reason, 1 AS n
         FROM ratings r INDEXED BY ratings_with_reasons,
              json_each(CASE WHEN json_valid(r.reasons) THEN r.reasons ELSE '[]' END) j
        WHERE ${where} AND r.reasons <> '[]' AND j.type = 'text'`,
  })
  return cached(db, `SELECT grp, reason, sum(n) AS n FROM (${sql}) GROUP BY grp, reason HAVING sum(n) > 0`)
    .all(...params)
    .map((raw) => ReasonAggSchema.parse(raw))
}

/** Total and satisfied of some level counts. */
export function tallyOf(levels: readonly LevelAgg[]): Tally {
  let total = 0
  let satisfied = 0
  for (const l of levels) {
    total += l.n
    satisfied += l.satisfied
  }
  return tally(total, satisfied)
}

/**
 * The Vietnamese label of a level that is no longer on the form, as stored with one of its ratings in the range.
 * This is the one count-path read of rating rows the day counts cannot answer (and over a year it can walk far
 * through the range), so each key is looked up once per filter, however many groups a report has.
 */
export function oldLevelLabels(db: Db, filter: RatingFilter): (levelKey: string) => string | null {
  const found = new Map<string, string | null>()
  return (levelKey) => {
    if (found.has(levelKey)) return found.get(levelKey) ?? null
    const rows = rowsWhere(filter)
    const label = db
      .prepare(`SELECT r.level_label FROM ratings r WHERE ${rows.where} AND r.level_key = ? LIMIT 1`)
      .pluck()
      .get(...rows.params, levelKey)
    const text = typeof label === 'string' ? label : null
    found.set(levelKey, text)
    return text
  }
}

/**
 * Counts per level (every level of today's form, then any other level found), most satisfied first. A level that
 * is no longer on the form is named by `oldLabel` (oldLevelLabels), else by its key.
 */
export function countLevels(
  levels: readonly LevelAgg[],
  form: RatingForm,
  oldLabel: (levelKey: string) => string | null,
): LevelCount[] {
  const counts = new Map<string, LevelCount>()
  for (const l of form.levels) counts.set(l.key, { key: l.key, value: l.value, label: l.label, count: 0 })
  for (const l of levels) {
    let entry = counts.get(l.level_key)
    if (!entry) {
      entry = { key: l.level_key, value: l.level, label: { vi: oldLabel(l.level_key) ?? l.level_key, en: '' }, count: 0 }
      counts.set(l.level_key, entry)
    }
    entry.count += l.n
  }
  return [...counts.values()].sort((a, b) => b.value - a.value)
}

/** How often each reason was ticked, most frequent first (zero counts left out). */
export function countReasons(reasons: readonly ReasonAgg[], form: RatingForm, limit = 20): ReasonCount[] {
  const counts = new Map<string, number>()
  for (const r of reasons) counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.n)
  const labels = new Map(form.reasons.map((reason) => [reason.key, reason.label]))
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: labels.get(key) ?? { vi: key, en: key }, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit)
}
