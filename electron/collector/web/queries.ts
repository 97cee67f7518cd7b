import { z } from 'zod'
import { NEGATIVE_SQL, SATISFIED_SQL, VN_OFFSET_MS } from '../signals/levels'
import { scopeSql, SqlInt, type Scope, type SqlReader, type SqlValue } from '../signals/sql-reader'
import type { Period } from '../signals/signals'

/**
 * The dashboard's read queries over the rating projection (columns beside each stored rating, see
 * electron/collector/projection.ts). Every query takes the viewer's Scope: a centre leader's adds
 * `centre_id = ?`, here and nowhere else, so no page can forget it. SQL is the common subset of SQLite and
 * PostgreSQL: integer arithmetic, CASE, GROUP BY.
 */
const Text = z.union([z.string(), z.number().transform(String)]).nullable()

export interface Tally {
  total: number
  satisfied: number
}
const TallyCols = `COUNT(*) AS total, SUM(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`
const TallyRow = z.looseObject({ total: SqlInt, satisfied: SqlInt.nullable().transform((v) => v ?? 0) })

async function parsed<T extends z.ZodType>(db: SqlReader, schema: T, sql: string, params: SqlValue[]): Promise<z.infer<T>[]> {
  return z.array(schema).parse(await db.all(sql, params))
}

const CentreTally = TallyRow.extend({ centre_id: Text, name: Text })
export type CentreRank = Tally & { centreId: string | null; name: string }

/** Satisfaction per centre, best rate first (then most ratings). `centres` has no level or scale column. */
export async function centreRanking(db: SqlReader, period: Period, scope: Scope): Promise<CentreRank[]> {
  const s = scopeSql(scope, 'r.centre_id')
  const rows = await parsed(
    db,
    CentreTally,
    `SELECT r.centre_id, MIN(c.name) AS name, ${TallyCols}
       FROM ratings r LEFT JOIN centres c ON c.centre_id = r.centre_id
      WHERE r.created_at >= ? AND r.created_at < ?${s.sql} GROUP BY r.centre_id`,
    [period.from, period.to, ...s.params],
  )
  return rows
    .map((r) => ({ centreId: r.centre_id, name: r.name ?? r.centre_id ?? '—', total: r.total, satisfied: r.satisfied }))
    .sort((a, b) => b.satisfied / b.total - a.satisfied / a.total || b.total - a.total)
}

/** Vietnam weeks start on Monday: epoch day 0 (1970-01-01) was a Thursday, so day + 3 puts Mondays on multiples of 7. */
const WEEK = `(((created_at + ${VN_OFFSET_MS}) / 86400000 + 3) / 7)`
export function weekStart(week: number): number {
  return (week * 7 - 3) * 86_400_000 - VN_OFFSET_MS
}

const WeekRow = TallyRow.extend({ centre_id: Text, week: SqlInt })
export interface WeekPoint extends Tally {
  centreId: string | null
  weekStart: number
}

/** Satisfaction per centre per week; `centreId` narrows it further (a centre's page). */
export async function weeklyTrend(db: SqlReader, period: Period, scope: Scope, extra?: { sql: string; params: SqlValue[] }) {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    WeekRow,
    `SELECT centre_id, ${WEEK} AS week, ${TallyCols} FROM ratings
      WHERE created_at >= ? AND created_at < ?${s.sql}${extra?.sql ?? ''} GROUP BY centre_id, ${WEEK} ORDER BY week`,
    [period.from, period.to, ...s.params, ...(extra?.params ?? [])],
  )
  return rows.map((r): WeekPoint => ({ centreId: r.centre_id, weekStart: weekStart(r.week), total: r.total, satisfied: r.satisfied }))
}

export type Breakdown = 'field_prefix' | 'counter_number'
const GroupRow = TallyRow.extend({ key: Text })

/** One centre's tallies by field, counter or officer. */
export async function breakdown(db: SqlReader, centreId: string, by: Breakdown, period: Period, scope: Scope) {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    GroupRow,
    `SELECT ${by} AS key, ${TallyCols} FROM ratings
      WHERE centre_id = ? AND created_at >= ? AND created_at < ?${s.sql} GROUP BY ${by} ORDER BY ${by}`,
    [centreId, period.from, period.to, ...s.params],
  )
  return rows.map((r) => ({ key: r.key, total: r.total, satisfied: r.satisfied }))
}

/**
 * An officer as the upload protocol names one: the id the device's (hub's) staff table gave them, on that device.
 * Names are not identities — two officers called "Nguyễn Thị Hương" in one centre are two rows here — and an id is
 * only unique on the device that assigned it, so the device is part of the key.
 */
export interface OfficerKey {
  deviceId: string
  officerId: number
}
export interface OfficerTally extends Tally, OfficerKey {
  /** The name of the officer's latest rating (a name corrected on the kiosk replaces the old one). */
  name: string
  deviceLabel: string | null
}

/** One officer's tallies under one name, with when that name was last used. */
const OfficerNameRow = TallyRow.extend({
  device_id: z.string(),
  officer_id: SqlInt,
  name: z.string(),
  last: SqlInt,
  device_label: z.string().nullable(),
})

/** Of the names an officer's ratings carry, the one last used (of two used at the same time, the greater). */
function newer(a: { name: string; last: number }, b: { name: string; last: number }): boolean {
  return a.last > b.last || (a.last === b.last && a.name > b.name)
}

/**
 * One centre's tallies per officer (device + officer id), by name, then device, then id. Grouped by name too and
 * summed here: an officer renamed on the kiosk is one row under the latest name. MAX(officer_name) would keep
 * whichever name sorts last — a typo corrected from "Hường" to "Hương" stayed "Hường" for good.
 */
export async function officerTallies(db: SqlReader, centreId: string, period: Period, scope: Scope): Promise<OfficerTally[]> {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    OfficerNameRow,
    `SELECT device_id, officer_id, officer_name AS name, MAX(created_at) AS last, ${TallyCols},
            (SELECT label FROM devices d WHERE d.device_id = ratings.device_id) AS device_label
       FROM ratings WHERE centre_id = ? AND created_at >= ? AND created_at < ?${s.sql}
      GROUP BY device_id, officer_id, officer_name`,
    [centreId, period.from, period.to, ...s.params],
  )
  const officers = new Map<string, OfficerTally & { last: number }>()
  for (const r of rows) {
    const key = JSON.stringify([r.device_id, r.officer_id])
    const known = officers.get(key)
    if (known === undefined) {
      officers.set(key, { deviceId: r.device_id, officerId: r.officer_id, name: r.name, last: r.last, deviceLabel: r.device_label, total: r.total, satisfied: r.satisfied })
      continue
    }
    known.total += r.total
    known.satisfied += r.satisfied
    if (newer(r, known)) Object.assign(known, { name: r.name, last: r.last })
  }
  const text = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'vi')
  return [...officers.values()]
    .sort((a, b) => text(a.name, b.name) || text(a.deviceLabel, b.deviceLabel) || text(a.deviceId, b.deviceId) || a.officerId - b.officerId)
    .map(({ last: _last, ...tally }) => tally)
}

/**
 * The name to show for each officer: the name, and where two rows share it, which device and id this one is. Device
 * labels are not unique (two kiosks set up from one image are both "Kiosk"): where label and id repeat too, the
 * device id (shown under the label on the devices page) tells them apart.
 */
export function officerLabels(officers: readonly (OfficerKey & { name: string; deviceLabel: string | null })[], idWord: string): string[] {
  const count = new Map<string, number>()
  const bump = (key: string) => count.set(key, (count.get(key) ?? 0) + 1)
  const sameWhere = (o: OfficerKey & { name: string; deviceLabel: string | null }) => JSON.stringify([o.name, o.deviceLabel, o.officerId])
  for (const o of officers) {
    bump(o.name)
    bump(sameWhere(o))
  }
  return officers.map((o) => {
    if ((count.get(o.name) ?? 0) < 2) return o.name
    const device = o.deviceLabel === null ? o.deviceId : (count.get(sameWhere(o)) ?? 0) > 1 ? `${o.deviceLabel} ${o.deviceId}` : o.deviceLabel
    return `${o.name} (${device}, ${idWord} ${o.officerId})`
  })
}

const NameRow = z.looseObject({ name: z.string(), last: SqlInt })

/** The name of an officer's latest rating (as officerTallies shows it), or null when none is visible to this viewer. */
export async function officerName(db: SqlReader, centreId: string, officer: OfficerKey, scope: Scope): Promise<string | null> {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    NameRow,
    `SELECT officer_name AS name, MAX(created_at) AS last FROM ratings
      WHERE centre_id = ? AND device_id = ? AND officer_id = ? AND officer_name IS NOT NULL${s.sql} GROUP BY officer_name`,
    [centreId, officer.deviceId, officer.officerId, ...s.params],
  )
  let latest: { name: string; last: number } | null = null
  for (const row of rows) if (latest === null || newer(row, latest)) latest = row
  return latest?.name ?? null
}

const ReasonsRow = z.looseObject({ reasons: z.string() })

/**
 * How often each reason was given with a negative rating. The reasons are a JSON array per rating; counting them
 * in SQL would need json_each (SQLite) or jsonb_array_elements (PostgreSQL), so they are counted here instead —
 * negative ratings are the few, and the query is capped.
 */
export async function reasonCounts(db: SqlReader, where: { sql: string; params: SqlValue[] }, period: Period, scope: Scope) {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    ReasonsRow,
    `SELECT reasons FROM ratings WHERE created_at >= ? AND created_at < ?${s.sql}${where.sql} AND ${NEGATIVE_SQL}
      ORDER BY created_at DESC LIMIT 20000`,
    [period.from, period.to, ...s.params, ...where.params],
  )
  const counts = new Map<string, number>()
  for (const r of rows) {
    const keys = z.array(z.string()).safeParse(JSON.parse(r.reasons))
    for (const k of keys.success ? keys.data : []) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])
}

const CommentRow = z.looseObject({ record: z.string(), created_at: SqlInt, counter_number: SqlInt, officer_name: z.string() })

/** The latest negative ratings that came with a comment; the text is in the stored record, not in a column. */
export async function latestNegativeComments(db: SqlReader, centreId: string, scope: Scope, limit = 20) {
  const s = scopeSql(scope)
  const rows = await parsed(
    db,
    CommentRow,
    `SELECT record, created_at, counter_number, officer_name FROM ratings
      WHERE centre_id = ?${s.sql} AND has_comment = 1 AND ${NEGATIVE_SQL} ORDER BY created_at DESC LIMIT ?`,
    [centreId, ...s.params, limit],
  )
  return rows.map((r) => {
    const comment = z.looseObject({ comment: z.string() }).safeParse(JSON.parse(r.record))
    return { at: r.created_at, counterNumber: r.counter_number, officerName: r.officer_name, comment: comment.success ? comment.data.comment : '' }
  })
}

const LevelRow = z.looseObject({ level: SqlInt, scale: SqlInt, n: SqlInt })

export async function levelCounts(db: SqlReader, where: { sql: string; params: SqlValue[] }, period: Period, scope: Scope) {
  const s = scopeSql(scope)
  return parsed(
    db,
    LevelRow,
    `SELECT level, scale, COUNT(*) AS n FROM ratings WHERE created_at >= ? AND created_at < ?${s.sql}${where.sql}
      GROUP BY scale, level ORDER BY scale, level DESC`,
    [period.from, period.to, ...s.params, ...where.params],
  )
}

const CentreRow = z.looseObject({ centre_id: z.string(), name: z.string() })
export async function centreNames(db: SqlReader, scope: Scope): Promise<Map<string, string>> {
  const s = scopeSql(scope)
  const rows = await parsed(db, CentreRow, `SELECT centre_id, name FROM centres WHERE 1 = 1${s.sql} ORDER BY name`, s.params)
  return new Map(rows.map((r) => [r.centre_id, r.name]))
}

const DisputeRow = z.looseObject({
  device_id: z.string(),
  uuid: z.string(),
  state: z.enum(['open', 'upheld', 'rejected']),
  record: z.string(),
  received_at: SqlInt,
  centre_id: Text,
  officer_name: Text,
  level: SqlInt.nullable(),
  scale: SqlInt.nullable(),
})
export interface DisputeView {
  uuid: string
  centreId: string | null
  officerName: string | null
  level: number | null
  scale: number | null
  openedAt: number
  openNote: string
  outcome: 'open' | 'upheld' | 'rejected'
  outcomeNote: string
  by: string
}

/**
 * Each dispute with its latest state, under its rating's centre: the centre the rating was given in, which stays
 * when IT moves the device to another centre later. Only while the rating has not arrived is it the device's.
 */
const DISPUTE_CENTRE = 'COALESCE(r.centre_id, dv.centre_id)'
export async function disputes(db: SqlReader, scope: Scope, limit = 500): Promise<DisputeView[]> {
  const s = scopeSql(scope, DISPUTE_CENTRE)
  const rows = await parsed(
    db,
    DisputeRow,
    `SELECT d.device_id, d.uuid, d.state, d.record, d.received_at, ${DISPUTE_CENTRE} AS centre_id, r.officer_name, r.level, r.scale
       FROM disputes d JOIN devices dv ON dv.device_id = d.device_id
       LEFT JOIN ratings r ON r.device_id = d.device_id AND r.uuid = d.rating_uuid
      WHERE 1 = 1${s.sql} ORDER BY d.received_at DESC LIMIT ?`,
    [...s.params, limit * 3],
  )
  const byId = new Map<string, DisputeView>()
  const Note = z.looseObject({ note: z.string(), by: z.string(), at: z.number() })
  for (const r of [...rows].reverse()) {
    const note = Note.safeParse(JSON.parse(r.record))
    const text = note.success ? note.data.note : ''
    const key = `${r.device_id}/${r.uuid}`
    const view = byId.get(key) ?? {
      uuid: r.uuid,
      centreId: r.centre_id,
      officerName: r.officer_name,
      level: r.level,
      scale: r.scale,
      openedAt: note.success ? note.data.at : r.received_at,
      openNote: '',
      outcome: 'open' as const,
      outcomeNote: '',
      by: note.success ? note.data.by : '',
    }
    if (r.state === 'open') view.openNote = text
    else Object.assign(view, { outcome: r.state, outcomeNote: text, by: note.success ? note.data.by : view.by })
    byId.set(key, view)
  }
  return [...byId.values()].sort((a, b) => b.openedAt - a.openedAt).slice(0, limit)
}
