import { z } from 'zod'
import type { Assignment, CounterInput, FieldInput, OfficerAdmin } from '../../../shared/schemas/admin'
import { IdSchema, MediaPathSchema, verbatim } from '../../../shared/schemas/common'
import type { Db } from '../db/open'
import { AppError } from '../errors'

/** A UNIQUE clash becomes CONFLICT naming the field, so the form can put the message next to it. */
function unique<T>(field: string, write: () => T): T {
  try {
    return write()
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new AppError('CONFLICT', field)
    throw error
  }
}

/**
 * The save of an admin form: a new row when `id` is null, else an update of that row. The update must hit a row —
 * an id that matches nothing is NOT_FOUND, not a silent no-op the form would report as saved. `values` are the
 * columns in the order both statements name them; the update takes the id last.
 */
function insertOrUpdate(
  db: Db,
  id: number | null,
  sql: { insert: string; update: string },
  values: readonly (string | number)[],
  what: string,
): number {
  if (id === null) return Number(db.prepare(sql.insert).run(...values).lastInsertRowid)
  if (db.prepare(sql.update).run(...values, id).changes === 0) throw new AppError('NOT_FOUND', `no ${what} ${id}`)
  return id
}

export function saveField(db: Db, f: FieldInput): number {
  return unique('prefix', () =>
    insertOrUpdate(
      db,
      f.id,
      {
        insert: 'INSERT INTO service_fields (prefix, name_vi, name_en, sort_order, active) VALUES (?, ?, ?, ?, ?)',
        update: 'UPDATE service_fields SET prefix = ?, name_vi = ?, name_en = ?, sort_order = ?, active = ? WHERE id = ?',
      },
      [f.prefix, f.name.vi, f.name.en, f.sortOrder, f.active ? 1 : 0],
      'field',
    ),
  )
}

export function saveCounter(db: Db, c: CounterInput): number {
  const known = db.prepare('SELECT 1 FROM service_fields WHERE id = ?')
  if (!c.fieldIds.every((id) => known.get(id) !== undefined)) throw new AppError('CONFLICT', 'fieldIds')
  const id = unique('number', () =>
    insertOrUpdate(
      db,
      c.id,
      {
        insert: 'INSERT INTO counters (number, name_vi, name_en, active) VALUES (?, ?, ?, ?)',
        update: 'UPDATE counters SET number = ?, name_vi = ?, name_en = ?, active = ? WHERE id = ?',
      },
      [c.number, c.name.vi, c.name.en, c.active ? 1 : 0],
      'counter',
    ),
  )
  db.prepare('DELETE FROM counter_fields WHERE counter_id = ?').run(id)
  const link = db.prepare('INSERT INTO counter_fields (counter_id, field_id) VALUES (?, ?)')
  for (const fieldId of new Set(c.fieldIds)) link.run(id, fieldId)
  return id
}

export interface OfficerWrite {
  id: number | null
  fullName: string
  title: { vi: string; en: string }
  active: boolean
}

/** `now` closes the open assignments of an officer saved as inactive (see below). */
export function saveOfficerRow(db: Db, o: OfficerWrite, now: number): number {
  const id = insertOrUpdate(
    db,
    o.id,
    {
      insert: 'INSERT INTO officers (full_name, title_vi, title_en, active) VALUES (?, ?, ?, ?)',
      update: 'UPDATE officers SET full_name = ?, title_vi = ?, title_en = ?, active = ? WHERE id = ?',
    },
    [o.fullName, o.title.vi, o.title.en, o.active ? 1 : 0],
    'officer',
  )
  // The login list shows the officer's name: keep the account's copy in step (a new officer has no account yet).
  if (o.id !== null) db.prepare('UPDATE staff_accounts SET display_name = ? WHERE officer_id = ?').run(o.fullName, id)
  // An inactive officer sits at no counter: a left-open assignment would still bind ratings and counter calls to
  // them. Closed, never deleted (the history stays); never before it began.
  if (!o.active) {
    db.prepare('UPDATE assignments SET ends_at = max(?, starts_at + 1) WHERE officer_id = ? AND ends_at IS NULL').run(now, id)
  }
  return id
}

export function setOfficerPhoto(db: Db, officerId: number, photo: string | null): void {
  db.prepare('UPDATE officers SET photo = ? WHERE id = ?').run(photo, officerId)
}

/**
 * From `at` on, `officerId` sits at `counterId` (or nobody does). Whatever the counter had, and whatever counter
 * the officer sat at, is closed — never deleted: ratings bind through this history. `at` is moved just past the
 * newest start involved so an assignment never ends before it began.
 */
export function assign(db: Db, counterId: number, officerId: number | null, now: number): void {
  if (db.prepare('SELECT 1 FROM counters WHERE id = ?').get(counterId) === undefined) {
    throw new AppError('NOT_FOUND', `no counter ${counterId}`)
  }
  if (officerId !== null && db.prepare('SELECT 1 FROM officers WHERE id = ?').get(officerId) === undefined) {
    throw new AppError('NOT_FOUND', `no officer ${officerId}`)
  }
  if (officerId !== null && db.prepare('SELECT 1 FROM officers WHERE id = ? AND active = 1').get(officerId) === undefined) {
    throw new AppError('CONFLICT', `officer ${officerId} is inactive`)
  }
  const latest = z
    .number()
    .int()
    .nullable()
    .parse(
      db
        .prepare(
          `SELECT max(starts_at) FROM assignments WHERE ends_at IS NULL AND (counter_id = ? OR officer_id = ?)`,
        )
        .pluck()
        .get(counterId, officerId ?? -1),
    )
  const at = latest === null ? now : Math.max(now, latest + 1)
  db.prepare('UPDATE assignments SET ends_at = ? WHERE ends_at IS NULL AND (counter_id = ? OR officer_id = ?)').run(
    at,
    counterId,
    officerId ?? -1,
  )
  if (officerId !== null) {
    db.prepare('INSERT INTO assignments (officer_id, counter_id, starts_at) VALUES (?, ?, ?)').run(officerId, counterId, at)
  }
}

const AssignmentRowSchema = z.strictObject({
  id: IdSchema,
  officer_id: IdSchema,
  full_name: verbatim(100, 1),
  counter_id: IdSchema,
  number: z.number().int(),
  starts_at: z.number().int(),
  ends_at: z.number().int().nullable(),
})

export function listAssignments(db: Db, limit: number): Assignment[] {
  return db
    .prepare(
      `SELECT a.id, a.officer_id, o.full_name, a.counter_id, c.number, a.starts_at, a.ends_at
         FROM assignments a JOIN officers o ON o.id = a.officer_id JOIN counters c ON c.id = a.counter_id
        ORDER BY a.starts_at DESC, a.id DESC LIMIT ?`,
    )
    .all(limit)
    .map((raw) => {
      const r = AssignmentRowSchema.parse(raw)
      return {
        id: r.id,
        officerId: r.officer_id,
        officerName: r.full_name,
        counterId: r.counter_id,
        counterNumber: r.number,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
      }
    })
}

const OfficerRowSchema = z.strictObject({
  id: IdSchema,
  full_name: verbatim(100, 1),
  title_vi: verbatim(200),
  title_en: verbatim(200),
  photo: MediaPathSchema.nullable(),
  active: z.union([z.literal(0), z.literal(1)]),
  counter_number: z.number().int().nullable(),
  has_pin: z.union([z.literal(0), z.literal(1)]),
})

export function listOfficers(db: Db, at: number): OfficerAdmin[] {
  return db
    .prepare(
      `SELECT o.id, o.full_name, o.title_vi, o.title_en, o.photo, o.active,
              (SELECT c.number FROM assignments a JOIN counters c ON c.id = a.counter_id
                WHERE a.officer_id = o.id AND a.starts_at <= @at AND (a.ends_at IS NULL OR a.ends_at > @at)
                ORDER BY a.starts_at DESC LIMIT 1) AS counter_number,
              EXISTS (SELECT 1 FROM staff_accounts s WHERE s.officer_id = o.id) AS has_pin
         FROM officers o ORDER BY o.active DESC, o.full_name`,
    )
    .all({ at })
    .map((raw) => {
      const r = OfficerRowSchema.parse(raw)
      return {
        id: r.id,
        fullName: r.full_name,
        title: { vi: r.title_vi, en: r.title_en },
        photoUrl: r.photo,
        active: r.active === 1,
        counterNumber: r.counter_number,
        hasPin: r.has_pin === 1,
      }
    })
}
