import crypto from 'node:crypto'
import { z } from 'zod'
import { getSetting } from '../electron/core/config/config-repo'
import type { Db } from '../electron/core/db/open'

/** Vietnam has kept UTC+7 without daylight saving since 1975; the generator lays days out in that zone. */
const VN_OFFSET_MS = 7 * 3_600_000
const DAY_MS = 86_400_000

/** Small, fast and seeded: the same 1M rows on every run and every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const COMMENTS = ['Chờ lâu quá', 'Cán bộ hướng dẫn chưa rõ, phải đi lại nhiều lần', 'Thái độ chưa niềm nở', 'Trả kết quả trễ hẹn']

export interface Generated {
  count: number
  /** First day and last day (YYYY-MM-DD, centre time) the ratings span. */
  fromDay: string
  toDay: string
  /** [first, last] created_at. */
  first: number
  last: number
}

/**
 * Fills a real kiosk database (schema and demo centre from the core) with `count` ratings spread over `days` days
 * ending on `lastDay`, straight in SQL — the core's one-at-a-time path would take an hour for a million. Rows
 * follow the app's own shapes (levels and reasons of the configured form, names and numbers of the seeded
 * counters, one outbox row each, already sent), so every read of the app accepts them. The chain links are
 * stand-ins (sha256 of the seq): these rows are read, never uploaded.
 */
export function generateRatings(db: Db, count: number, lastDay: string, days: number): Generated {
  const random = mulberry32(20_250_602)
  const form = getSetting(db, 'ratingForm')
  const levels = [...form.levels].sort((a, b) => b.value - a.value)
  const counters = z
    .array(z.strictObject({ id: z.number().int(), number: z.number().int(), officer_id: z.number().int(), full_name: z.string() }))
    .parse(
      db
        .prepare(
          `SELECT c.id, c.number, a.officer_id, o.full_name FROM counters c
             JOIN assignments a ON a.counter_id = c.id JOIN officers o ON o.id = a.officer_id ORDER BY c.number`,
        )
        .all(),
    )
  const fieldsOf = z
    .array(z.strictObject({ counter_id: z.number().int(), field_id: z.number().int(), prefix: z.string() }))
    .parse(
      db
        .prepare(
          `SELECT cf.counter_id, cf.field_id, f.prefix FROM counter_fields cf JOIN service_fields f ON f.id = cf.field_id
            ORDER BY cf.counter_id, f.prefix`,
        )
        .all(),
    )
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number]
  const lastStart = Date.UTC(y, m - 1, d) - VN_OFFSET_MS
  const firstStart = lastStart - (days - 1) * DAY_MS
  const insertRating = db.prepare(
    `INSERT INTO ratings (id, uuid, seq, ticket_id, ticket_code, counter_id, officer_id, field_id, officer_name,
                          counter_number, field_prefix, level, level_key, level_label, scale, reasons, comment,
                          language, mode, created_at, link)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'counter', ?, ?)`,
  )
  const insertOutbox = db.prepare("INSERT INTO outbox (kind, ref_id, state, attempts, sent_at) VALUES ('rating', ?, 'sent', 1, ?)")
  const start = Number(db.prepare('SELECT ifnull(max(seq), 0) FROM ratings').pluck().get())
  const perDay = count / days
  let first = Number.POSITIVE_INFINITY
  let last = 0
  const CHUNK = 50_000
  // Generation only: the file is thrown away if the machine dies now, so the fsync per commit is not needed.
  db.pragma('synchronous = OFF')
  try {
    for (let from = 0; from < count; from += CHUNK) {
      db.transaction(() => {
        for (let i = from; i < Math.min(count, from + CHUNK); i++) {
          const day = Math.floor(i / perDay)
          const within = (i - day * perDay) / perDay // 0..1 through the day's opening hours, in order
          const at = firstStart + day * DAY_MS + 7.5 * 3_600_000 + Math.floor(within * 9 * 3_600_000)
          const counter = counters[Math.floor(random() * counters.length)] ?? counters[0]
          if (!counter) throw new Error('the kiosk has no counters')
          const fields = fieldsOf.filter((f) => f.counter_id === counter.id)
          const field = fields[Math.floor(random() * fields.length)] ?? null
          const roll = random()
          const level = (roll < 0.62 ? levels[0] : roll < 0.92 ? levels[1] : levels.at(-1)) ?? levels[0]
          if (!level) throw new Error('the form has no levels')
          const reasons: string[] = []
          let comment = ''
          if (level.negative) {
            const a = form.reasons[Math.floor(random() * form.reasons.length)]
            if (a) reasons.push(a.key)
            const b = form.reasons[Math.floor(random() * form.reasons.length)]
            if (b && random() < 0.3 && b.key !== a?.key) reasons.push(b.key)
            if (random() < 0.3) comment = COMMENTS[Math.floor(random() * COMMENTS.length)] ?? ''
          }
          const seq = start + i + 1
          const uuid = uuidOf(random)
          const code = field ? `${field.prefix}${String((i % 9999) + 1).padStart(4, '0')}` : null
          const id = insertRating.run(
            seq, uuid, seq, code, counter.id, counter.officer_id, field?.field_id ?? null, counter.full_name,
            counter.number, field?.prefix ?? null, level.value, level.key, level.label.vi, form.scale,
            JSON.stringify(reasons), comment, random() < 0.95 ? 'vi' : 'en', at,
            crypto.createHash('sha256').update(String(seq)).digest('hex'),
          ).lastInsertRowid
          insertOutbox.run(id, at + 60_000)
          first = Math.min(first, at)
          last = Math.max(last, at)
        }
      })()
    }
  } finally {
    db.pragma('synchronous = FULL')
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  const dayOf = (t: number) => new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10)
  return { count, fromDay: dayOf(firstStart), toDay: lastDay, first, last }
}

/** A version-4-shaped uuid from the seeded generator, so the uuids are the same on every run. */
function uuidOf(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = '89ab'[Math.floor(random() * 4)] ?? '8'
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}
