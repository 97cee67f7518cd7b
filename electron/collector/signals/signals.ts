import { z } from 'zod'
import { scopeSql, SqlInt, type Scope, type SqlReader, type SqlValue } from './sql-reader'
import { VN_OFFSET_MS } from './levels'

/**
 * Fraud signals: flags for a person to look at, never a change to a rating. Each is one SQL query (the same text
 * on SQLite and PostgreSQL: window functions, CASE, integer arithmetic only) plus the thresholds below, stated
 * here so an auditor can read what trips a flag.
 */
export const THRESHOLDS = {
  /** One counter screen: this many ratings inside `burstWindowMs` is faster than citizens can be served. */
  burstCount: 4,
  burstWindowMs: 60_000,
  /** One officer: this many ratings inside `bunchWindowMs` (nobody completes a procedure in about a minute). */
  bunchCount: 8,
  bunchWindowMs: 10 * 60_000,
  /** Anonymous share: the last `anonRecentDays` against the `anonBaseDays` before them. */
  anonRecentDays: 7,
  anonBaseDays: 28,
  anonMinRecent: 20,
  anonMinShare: 0.2,
  anonRise: 2,
  /** Opening hours in Vietnam time (Decree 61 centres: weekdays, Saturday morning), minutes after midnight. */
  weekdayOpen: 7 * 60,
  weekdayClose: 17 * 60 + 30,
  saturdayClose: 11 * 60 + 30,
  outsideMinCount: 3,
  /** Upheld disputes of one officer's ratings: at least this many, and this share of the officer's ratings. */
  upheldMinCount: 3,
  upheldMinShare: 0.1,
} as const

export type FlagKind = 'burst' | 'anonymous-rising' | 'outside-hours' | 'officer-bunched' | 'disputes-upheld'

export interface Flag {
  kind: FlagKind
  centreId: string | null
  deviceId: string | null
  /** Who or what: a counter number, an officer's name, or nothing for a centre-wide flag. */
  subject: string
  /** The figure that tripped it (windows, ratings, percent). */
  value: number
  firstAt: number | null
  lastAt: number | null
}

export interface Period {
  from: number
  to: number
}

const Text = z.union([z.string(), z.number().transform(String)]).nullable()

async function rows<T extends z.ZodType>(db: SqlReader, schema: T, sql: string, params: SqlValue[]) {
  return z.array(schema).parse(await db.all(sql, params))
}

const WindowRow = z.looseObject({
  device_id: z.string(),
  centre_id: Text,
  subject: Text,
  hits: SqlInt,
  first_at: SqlInt,
  last_at: SqlInt,
})

/**
 * Ratings where the rating `count - 1` places earlier in the same partition is less than `windowMs` older: `count`
 * ratings inside the window. One row per partition that has any, with how many such windows it has.
 */
async function windows(
  db: SqlReader,
  partition: string,
  count: number,
  windowMs: number,
  period: Period,
  scope: Scope,
  subject = partition,
): Promise<z.infer<typeof WindowRow>[]> {
  const s = scopeSql(scope)
  const sql = `
    SELECT device_id, MIN(centre_id) AS centre_id, MIN(subject) AS subject, COUNT(*) AS hits,
           MIN(created_at) AS first_at, MAX(created_at) AS last_at
      FROM (SELECT device_id, centre_id, ${partition} AS part, ${subject} AS subject, created_at,
                   LAG(created_at, ${count - 1}) OVER (PARTITION BY device_id, ${partition} ORDER BY created_at) AS prev
              FROM ratings WHERE created_at >= ? AND created_at < ?${s.sql}) w
     WHERE prev IS NOT NULL AND created_at - prev < ?
     GROUP BY device_id, part ORDER BY hits DESC`
  return rows(db, WindowRow, sql, [period.from, period.to, ...s.params, windowMs])
}

/** A dense window found by `windows`, as the flag the dashboard lists. */
function windowFlags(kind: 'burst' | 'officer-bunched', found: readonly z.infer<typeof WindowRow>[]): Flag[] {
  return found.map((r) => ({
    kind,
    centreId: r.centre_id,
    deviceId: r.device_id,
    subject: r.subject ?? '',
    value: r.hits,
    firstAt: r.first_at,
    lastAt: r.last_at,
  }))
}

export async function burstFlags(db: SqlReader, period: Period, scope: Scope): Promise<Flag[]> {
  const found = await windows(db, 'counter_number', THRESHOLDS.burstCount, THRESHOLDS.burstWindowMs, period, scope)
  return windowFlags('burst', found)
}

export async function bunchedFlags(db: SqlReader, period: Period, scope: Scope): Promise<Flag[]> {
  // By officer id on the device, shown by name: two officers who share a name are not one officer's bunch.
  const found = await windows(db, 'officer_id', THRESHOLDS.bunchCount, THRESHOLDS.bunchWindowMs, period, scope, 'officer_name')
  return windowFlags('officer-bunched', found)
}

/** Minute of the day and weekday (0 = Sunday; 1970-01-01 was a Thursday) in Vietnam time, in SQL. */
const LOCAL = `(created_at + ${VN_OFFSET_MS})`
const MINUTE = `((${LOCAL} / 60000) % 1440)`
const WEEKDAY = `(((${LOCAL} / 86400000) + 4) % 7)`

export function outsideHoursSql(): string {
  const t = THRESHOLDS
  return `(${WEEKDAY} = 0
        OR (${WEEKDAY} = 6 AND (${MINUTE} < ${t.weekdayOpen} OR ${MINUTE} >= ${t.saturdayClose}))
        OR (${WEEKDAY} BETWEEN 1 AND 5 AND (${MINUTE} < ${t.weekdayOpen} OR ${MINUTE} >= ${t.weekdayClose})))`
}

export async function outsideHoursFlags(db: SqlReader, period: Period, scope: Scope): Promise<Flag[]> {
  const s = scopeSql(scope)
  const sql = `
    SELECT device_id, MIN(centre_id) AS centre_id, '' AS subject, COUNT(*) AS hits,
           MIN(created_at) AS first_at, MAX(created_at) AS last_at
      FROM ratings WHERE created_at >= ? AND created_at < ?${s.sql} AND ${outsideHoursSql()}
     GROUP BY device_id HAVING COUNT(*) >= ? ORDER BY hits DESC`
  const found = await rows(db, WindowRow, sql, [period.from, period.to, ...s.params, THRESHOLDS.outsideMinCount])
  return found.map((r) => ({
    kind: 'outside-hours',
    centreId: r.centre_id,
    deviceId: r.device_id,
    subject: '',
    value: r.hits,
    firstAt: r.first_at,
    lastAt: r.last_at,
  }))
}

const AnonRow = z.looseObject({
  centre_id: Text,
  recent_total: SqlInt,
  recent_anon: SqlInt,
  base_total: SqlInt,
  base_anon: SqlInt,
})

/** Pure: does a centre's anonymous share rise enough to flag? */
export function anonymousRises(r: { recentTotal: number; recentAnon: number; baseTotal: number; baseAnon: number }) {
  const t = THRESHOLDS
  if (r.recentTotal < t.anonMinRecent) return false
  const recent = r.recentAnon / r.recentTotal
  const base = r.baseTotal === 0 ? 0 : r.baseAnon / r.baseTotal
  return recent >= t.anonMinShare && recent >= t.anonRise * base
}

/** `to` is the end of the recent window; the baseline is the weeks before it. */
export async function anonymousFlags(db: SqlReader, to: number, scope: Scope): Promise<Flag[]> {
  const recentFrom = to - THRESHOLDS.anonRecentDays * 86_400_000
  const baseFrom = recentFrom - THRESHOLDS.anonBaseDays * 86_400_000
  const s = scopeSql(scope)
  const sql = `
    SELECT centre_id,
           SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) AS recent_total,
           SUM(CASE WHEN created_at >= ? AND anonymous = 1 THEN 1 ELSE 0 END) AS recent_anon,
           SUM(CASE WHEN created_at < ? THEN 1 ELSE 0 END) AS base_total,
           SUM(CASE WHEN created_at < ? AND anonymous = 1 THEN 1 ELSE 0 END) AS base_anon
      FROM ratings WHERE created_at >= ? AND created_at < ?${s.sql}
     GROUP BY centre_id`
  const params = [recentFrom, recentFrom, recentFrom, recentFrom, baseFrom, to, ...s.params]
  return (await rows(db, AnonRow, sql, params)).flatMap((r): Flag[] => {
    const figures = { recentTotal: r.recent_total, recentAnon: r.recent_anon, baseTotal: r.base_total, baseAnon: r.base_anon }
    if (!anonymousRises(figures)) return []
    const share = Math.round((100 * r.recent_anon) / r.recent_total)
    return [{ kind: 'anonymous-rising', centreId: r.centre_id, deviceId: null, subject: '', value: share, firstAt: recentFrom, lastAt: to }]
  })
}

const UpheldRow = z.looseObject({
  device_id: z.string(),
  centre_id: Text,
  officer_name: Text,
  ratings: SqlInt,
  upheld: SqlInt,
})

/** Per officer by identity (device + officer id, see web/queries.ts OfficerKey): two namesakes are two officers. */
export async function upheldFlags(db: SqlReader, period: Period, scope: Scope): Promise<Flag[]> {
  const s = scopeSql(scope, 'r.centre_id')
  const sql = `
    SELECT r.device_id, MIN(r.centre_id) AS centre_id, MAX(r.officer_name) AS officer_name, COUNT(*) AS ratings,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM disputes d WHERE d.device_id = r.device_id
                                   AND d.rating_uuid = r.uuid AND d.state = 'upheld') THEN 1 ELSE 0 END) AS upheld
      FROM ratings r WHERE r.created_at >= ? AND r.created_at < ?${s.sql}
     GROUP BY r.device_id, r.officer_id`
  return (await rows(db, UpheldRow, sql, [period.from, period.to, ...s.params])).flatMap((r): Flag[] => {
    const share = r.ratings === 0 ? 0 : r.upheld / r.ratings
    if (r.upheld < THRESHOLDS.upheldMinCount || share < THRESHOLDS.upheldMinShare) return []
    return [{
      kind: 'disputes-upheld',
      centreId: r.centre_id,
      deviceId: r.device_id,
      subject: r.officer_name ?? '',
      value: Math.round(share * 100),
      firstAt: period.from,
      lastAt: period.to,
    }]
  })
}

/** Every flag for a period, the order the dashboard lists them in. */
export async function allFlags(db: SqlReader, period: Period, scope: Scope): Promise<Flag[]> {
  return [
    ...(await burstFlags(db, period, scope)),
    ...(await bunchedFlags(db, period, scope)),
    ...(await outsideHoursFlags(db, period, scope)),
    ...(await anonymousFlags(db, period.to, scope)),
    ...(await upheldFlags(db, period, scope)),
  ]
}
