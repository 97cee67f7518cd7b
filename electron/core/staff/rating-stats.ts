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

/** Counts per level (every level of today's form, then any other level found in the rows), most satisfied first. */
export function countLevels(rows: readonly RatingRow[], form: RatingForm): LevelCount[] {
  const counts = new Map<string, LevelCount>()
  for (const l of form.levels) counts.set(l.key, { key: l.key, value: l.value, label: l.label, count: 0 })
  for (const r of rows) {
    const entry = counts.get(r.level_key) ?? { key: r.level_key, value: r.level, label: { vi: r.level_label, en: '' }, count: 0 }
    entry.count++
    counts.set(r.level_key, entry)
  }
  return [...counts.values()].sort((a, b) => b.value - a.value)
}

/** How often each reason was ticked, most frequent first (zero counts left out). */
export function countReasons(rows: readonly RatingRow[], form: RatingForm, limit = 20): ReasonCount[] {
  const counts = new Map<string, number>()
  for (const r of rows) for (const key of parseReasons(r.reasons)) counts.set(key, (counts.get(key) ?? 0) + 1)
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
