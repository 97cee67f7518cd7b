import { z } from 'zod'
import {
  CentreSchema,
  KioskSettingsSchema,
  type CounterView,
  type OfficerView,
  type ServiceField,
} from '../../../shared/schemas/centre'
import { IdSchema, MediaPathSchema, line } from '../../../shared/schemas/common'
import { QueueSettingsSchema } from '../../../shared/schemas/queue'
import { RatingFormSchema } from '../../../shared/schemas/rating'
import { UploadConfigSchema } from '../../../shared/schemas/sync'
import type { Db } from '../db/open'
import { cached } from '../db/statements'

/** Settings stored as JSON documents, each with the schema it is checked against on write and on read. */
const DeviceSchema = z.strictObject({ deviceId: z.uuid() })

const settingSchemas = {
  centre: CentreSchema,
  kiosk: KioskSettingsSchema,
  ratingForm: RatingFormSchema,
  device: DeviceSchema,
  queue: QueueSettingsSchema,
  upload: UploadConfigSchema,
}
type SettingKey = keyof typeof settingSchemas
type SettingValue<K extends SettingKey> = z.output<(typeof settingSchemas)[K]>

/**
 * The last parse of each setting per connection, keyed by the stored text: the rating path reads the form on every
 * rating, and JSON.parse + the zod check cost more than the read. The row is still read each time, so a write by
 * any path (putSetting, a restore, another tool) is seen at once; only an unchanged text reuses its parse. The
 * value is frozen because it is shared between callers.
 */
const parsedSettings = new WeakMap<Db, Map<SettingKey, { text: string; value: unknown }>>()

export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = cached(db, 'SELECT value FROM settings WHERE key = ?', 'pluck').get(key)
  if (typeof row !== 'string') throw new Error(`setting "${key}" is missing`)
  let parsed = parsedSettings.get(db)
  if (parsed === undefined) {
    parsed = new Map()
    parsedSettings.set(db, parsed)
  }
  const hit = parsed.get(key)
  if (hit !== undefined && hit.text === row) return hit.value as SettingValue<K>
  const value = deepFreeze(settingSchemas[key].parse(JSON.parse(row)))
  parsed.set(key, { text: row, value })
  return value as SettingValue<K>
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

export function putSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>): void {
  const checked = settingSchemas[key].parse(value)
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(checked))
}

export function hasSetting(db: Db, key: SettingKey): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined
}

const Flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1)

const FieldRowSchema = z.strictObject({
  id: IdSchema,
  prefix: z.string().regex(/^[A-Z]$/),
  name_vi: line(200, 1),
  name_en: line(200),
  active: Flag,
})

const CounterRowSchema = z.strictObject({
  id: IdSchema,
  number: z.number().int().min(1).max(999),
  name_vi: line(200, 1),
  name_en: line(200),
  active: Flag,
  field_ids: z.string().max(2000).nullable(),
  officer_id: IdSchema.nullable(),
  full_name: line(100, 1).nullable(),
  title_vi: line(200).nullable(),
  title_en: line(200).nullable(),
  photo: MediaPathSchema.nullable(),
})

export function listFields(db: Db): ServiceField[] {
  const rows = db
    .prepare('SELECT id, prefix, name_vi, name_en, active FROM service_fields ORDER BY sort_order, prefix')
    .all()
  return rows.map((raw) => {
    const r = FieldRowSchema.parse(raw)
    return { id: r.id, prefix: r.prefix, name: { vi: r.name_vi, en: r.name_en }, active: r.active }
  })
}

/** Counters with their fields and the officer assigned to each at time `at`. */
export function listCounters(db: Db, at: number): CounterView[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.number, c.name_vi, c.name_en, c.active,
              (SELECT group_concat(field_id) FROM counter_fields WHERE counter_id = c.id) AS field_ids,
              o.id AS officer_id, o.full_name, o.title_vi, o.title_en, o.photo
         FROM counters c
         LEFT JOIN assignments a
           ON a.id = (SELECT id FROM assignments
                       WHERE counter_id = c.id AND starts_at <= @at AND (ends_at IS NULL OR ends_at > @at)
                       ORDER BY starts_at DESC LIMIT 1)
         LEFT JOIN officers o ON o.id = a.officer_id
        ORDER BY c.number`,
    )
    .all({ at })
  return rows.map((raw) => {
    const r = CounterRowSchema.parse(raw)
    const officer: OfficerView | null =
      r.officer_id === null || r.full_name === null
        ? null
        : {
            id: r.officer_id,
            fullName: r.full_name,
            title: { vi: r.title_vi ?? '', en: r.title_en ?? '' },
            photoUrl: r.photo,
          }
    return {
      id: r.id,
      number: r.number,
      name: { vi: r.name_vi, en: r.name_en },
      fieldIds: r.field_ids === null ? [] : r.field_ids.split(',').map(Number).sort((a, b) => a - b),
      active: r.active,
      officer,
    }
  })
}

export interface NewField {
  prefix: string
  name: { vi: string; en: string }
  sortOrder: number
}

export function insertField(db: Db, f: NewField): number {
  const info = db
    .prepare('INSERT INTO service_fields (prefix, name_vi, name_en, sort_order) VALUES (?, ?, ?, ?)')
    .run(f.prefix, f.name.vi, f.name.en, f.sortOrder)
  return Number(info.lastInsertRowid)
}

export interface NewCounter {
  number: number
  name: { vi: string; en: string }
  fieldIds: number[]
}

export function insertCounter(db: Db, c: NewCounter): number {
  const id = Number(
    db
      .prepare('INSERT INTO counters (number, name_vi, name_en) VALUES (?, ?, ?)')
      .run(c.number, c.name.vi, c.name.en).lastInsertRowid,
  )
  const link = db.prepare('INSERT INTO counter_fields (counter_id, field_id) VALUES (?, ?)')
  for (const fieldId of c.fieldIds) link.run(id, fieldId)
  return id
}

export interface NewOfficer {
  fullName: string
  title: { vi: string; en: string }
  photo: string | null
}

export function insertOfficer(db: Db, o: NewOfficer): number {
  const info = db
    .prepare('INSERT INTO officers (full_name, title_vi, title_en, photo) VALUES (?, ?, ?, ?)')
    .run(o.fullName, o.title.vi, o.title.en, o.photo)
  return Number(info.lastInsertRowid)
}

/** Puts an officer at a counter from `at` on, closing whatever assignment the counter had. */
export function assignOfficer(db: Db, officerId: number, counterId: number, at: number): void {
  db.prepare('UPDATE assignments SET ends_at = ? WHERE counter_id = ? AND ends_at IS NULL').run(at, counterId)
  db.prepare('INSERT INTO assignments (officer_id, counter_id, starts_at) VALUES (?, ?, ?)').run(
    officerId,
    counterId,
    at,
  )
}

const OfficerRowSchema = z.strictObject({
  id: IdSchema,
  full_name: line(100, 1),
  title_vi: line(200),
  title_en: line(200),
  photo: MediaPathSchema.nullable(),
})

export function getOfficerView(db: Db, officerId: number): OfficerView | null {
  const raw = cached(db, 'SELECT id, full_name, title_vi, title_en, photo FROM officers WHERE id = ?').get(officerId)
  if (raw === undefined) return null
  const r = OfficerRowSchema.parse(raw)
  return { id: r.id, fullName: r.full_name, title: { vi: r.title_vi, en: r.title_en }, photoUrl: r.photo }
}

/** The officer assigned to a counter at time `at` (assignment history decides, not the current roster). */
export function officerAt(db: Db, counterId: number, at: number): number | null {
  const id = cached(
    db,
    `SELECT officer_id FROM assignments
      WHERE counter_id = ? AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)
      ORDER BY starts_at DESC LIMIT 1`,
    'pluck',
  ).get(counterId, at, at)
  return id === undefined ? null : IdSchema.parse(id)
}

const Int = z.number().int()
const Prefix = z.string().max(1)

export function getCounterNumber(db: Db, counterId: number): number | null {
  const n = cached(db, 'SELECT number FROM counters WHERE id = ?', 'pluck').get(counterId)
  return n === undefined ? null : Int.parse(n)
}

export function getFieldPrefix(db: Db, fieldId: number): string | null {
  const p = cached(db, 'SELECT prefix FROM service_fields WHERE id = ?', 'pluck').get(fieldId)
  return p === undefined ? null : Prefix.parse(p)
}
