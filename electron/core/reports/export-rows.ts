import { z } from 'zod'
import type { DayRange } from '../../../shared/schemas/staff'
import type { Clock } from '../clock'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { resolveRange } from '../staff/day-range'
import { SATISFIED_SQL, parseReasons } from '../staff/rating-stats'

/** Column headers of the ratings export, in Vietnamese: the file goes to the centre's leaders and the province. */
export const EXPORT_HEADERS = [
  'Mã đánh giá',
  'Số thứ tự',
  'Thời gian',
  'Quầy',
  'Cán bộ',
  'Lĩnh vực',
  'Mức đánh giá',
  'Hài lòng',
  'Lý do',
  'Góp ý',
  'Ngôn ngữ',
  'Chế độ',
] as const

export type ExportRow = [string, number, string, number, string, string, string, string, string, string, string, string]

const RowSchema = z.strictObject({
  uuid: z.string(),
  seq: z.number().int(),
  created_at: z.number().int(),
  counter_number: z.number().int(),
  officer_name: z.string(),
  field_prefix: z.string().nullable(),
  level_label: z.string(),
  satisfied: z.union([z.literal(0), z.literal(1)]),
  reasons: z.string(),
  comment: z.string(),
  language: z.string(),
  mode: z.string(),
})

const SpanSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  first: z.number().int().nullable(),
  last: z.number().int().nullable(),
})

export interface ExportSource {
  total: number
  /** Rows in seq order, `size` at a time, so a year of ratings never sits in memory as objects all at once. */
  batches(size: number): Generator<ExportRow[]>
}

/**
 * The ratings of a range of days as export rows. Names, counter numbers and prefixes are the ones stored with the
 * rating when the citizen rated, so an export shows what was true then, not after later renames.
 */
export function exportSource(db: Db, clock: Clock, range: DayRange): ExportSource {
  const timeZone = getSetting(db, 'queue').timeZone
  const r = resolveRange(range, clock.now(), timeZone)
  const reasonLabels = new Map(getSetting(db, 'ratingForm').reasons.map((x) => [x.key, x.label.vi]))
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' })
  // The seqs the range spans, found once: each page then goes on along the seq index from the last seq of the
  // one before. Finding the rows by time instead would read (and sort) the whole range again for every page.
  // Time is only a filter here (`+`: no index on it), since a clock set back can put other ratings between.
  const span = SpanSchema.parse(
    db
      .prepare('SELECT count(*) AS total, min(seq) AS first, max(seq) AS last FROM ratings WHERE created_at >= ? AND created_at < ?')
      .get(r.start, r.end),
  )
  const page = db.prepare(
    `SELECT r.uuid, r.seq, r.created_at, r.counter_number, r.officer_name, r.field_prefix, r.level_label,
            (${SATISFIED_SQL}) AS satisfied, r.reasons, r.comment, r.language, r.mode
       FROM ratings r
      WHERE r.seq > ? AND r.seq <= ? AND +r.created_at >= ? AND +r.created_at < ? ORDER BY r.seq LIMIT ?`,
  )
  return {
    total: span.total,
    *batches(size) {
      if (span.first === null || span.last === null) return
      let after = span.first - 1
      for (;;) {
        const rows = page.all(after, span.last, r.start, r.end, size).map((raw) => RowSchema.parse(raw))
        if (rows.length === 0) return
        after = rows[rows.length - 1]?.seq ?? after
        yield rows.map((x): ExportRow => [
          x.uuid,
          x.seq,
          time.format(x.created_at),
          x.counter_number,
          x.officer_name,
          x.field_prefix ?? '',
          x.level_label,
          x.satisfied === 1 ? 'Có' : 'Không',
          parseReasons(x.reasons)
            .map((key) => reasonLabels.get(key) ?? key)
            .join('; '),
          x.comment,
          x.language,
          x.mode,
        ])
      }
    },
  }
}

/** One CSV field: quoted when needed, and defused when a citizen's text would start an Excel formula. */
export function csvField(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvLine = (cells: readonly (string | number)[]): string => `${cells.map(csvField).join(',')}\r\n`

/** UTF-8 byte order mark: without it Excel on Windows reads the file as ANSI and mangles Vietnamese. */
export const BOM = '\uFEFF'
