import { z } from 'zod'
import type { RatingForm } from '../../../shared/schemas/rating'
import type { LevelCount, ReasonCount, Tally } from '../../../shared/schemas/staff'
import { IdSchema } from '../../../shared/schemas/common'
import type { Db } from '../db/open'

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

/**
 * Which ratings a count covers: an SQL condition on `ratings r` and its parameters. Always starts with a range of
 * `created_at`, so every count is a range scan of an index that covers it (migration 11).
 */
export interface RatingFilter {
  where: string
  params: readonly (number | string)[]
}

/** The column a report groups by, or none (the whole filter is one group). */
export type GroupColumn = 'r.officer_id' | 'r.counter_id' | 'r.field_id' | null

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

/** How many ratings of each level (and how many of them satisfied), per group, counted by SQLite. */
export function levelAggregates(db: Db, filter: RatingFilter, group: GroupColumn): LevelAgg[] {
  return db
    .prepare(
      `SELECT ${group ?? 'NULL'} AS grp, r.level_key, min(r.level) AS level, count(*) AS n,
              sum(${SATISFIED_SQL}) AS satisfied
         FROM ratings r WHERE ${filter.where} GROUP BY grp, r.level_key`,
    )
    .all(...filter.params)
    .map((raw) => LevelAggSchema.parse(raw))
}

/**
 * How often each reason was ticked, per group. Only negative ratings carry reasons, and the partial index
 * `ratings_with_reasons` holds just those; a row whose JSON is not a list of strings counts as no reasons. Named
 * with INDEXED BY: for one officer the planner otherwise picks `ratings_by_officer` and visits every rating row.
 */
export function reasonAggregates(db: Db, filter: RatingFilter, group: GroupColumn): ReasonAgg[] {
  return db
    .prepare(
      `SELECT ${group ?? 'NULL'} AS grp, j.value AS reason, count(*) AS n
         FROM ratings r INDEXED BY ratings_with_reasons, json_each(CASE WHEN json_valid(r.reasons) THEN r.reasons ELSE '[]' END) j
        WHERE ${filter.where} AND r.reasons <> '[]' AND j.type = 'text'
        GROUP BY grp, reason`,
    )
    .all(...filter.params)
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
 * Counts per level (every level of today's form, then any other level found), most satisfied first. A level that
 * is no longer on the form is named by the Vietnamese label stored with one of its ratings.
 */
export function countLevels(db: Db, filter: RatingFilter, levels: readonly LevelAgg[], form: RatingForm): LevelCount[] {
  const counts = new Map<string, LevelCount>()
  for (const l of form.levels) counts.set(l.key, { key: l.key, value: l.value, label: l.label, count: 0 })
  for (const l of levels) {
    let entry = counts.get(l.level_key)
    if (!entry) {
      const label = db
        .prepare(`SELECT r.level_label FROM ratings r WHERE ${filter.where} AND r.level_key = ? LIMIT 1`)
        .pluck()
        .get(...filter.params, l.level_key)
      entry = { key: l.level_key, value: l.level, label: { vi: typeof label === 'string' ? label : l.level_key, en: '' }, count: 0 }
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

/** Total and satisfied over all ratings of the centre in [start, end). */
export function centreTally(db: Db, start: number, end: number): Tally {
  const row = z
    .strictObject({ total: z.number().int(), satisfied: z.number().int().nullable() })
    .parse(
      db
        .prepare(
          `SELECT count(*) AS total, sum(${SATISFIED_SQL}) AS satisfied FROM ratings r
            WHERE r.created_at >= ? AND r.created_at < ?`,
        )
        .get(start, end),
    )
  return tally(row.total, row.satisfied ?? 0)
}
