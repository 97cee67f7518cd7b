import { z } from 'zod'
import type { AccountAdminView, LoginAccount, StaffRole } from '../../../shared/schemas/auth'
import { IdSchema, MediaPathSchema, verbatim } from '../../../shared/schemas/common'
import type { Db } from '../db/open'
import type { PinHash } from './pin-hash'

const Flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1)

const AccountRowSchema = z.strictObject({
  id: IdSchema,
  role: z.enum(['officer', 'admin']),
  officer_id: IdSchema.nullable(),
  display_name: verbatim(100, 1),
  pin_hash: z.string().max(200),
  pin_salt: z.string().max(64),
  pin_params: z.string().max(60),
  failed_count: z.number().int().min(0),
  locked_until: z.number().int().nullable(),
  disabled: Flag,
  updated_at: z.number().int(),
})
export type AccountRow = z.output<typeof AccountRowSchema>

const COLUMNS =
  'id, role, officer_id, display_name, pin_hash, pin_salt, pin_params, failed_count, locked_until, disabled, updated_at'

export function getAccount(db: Db, id: number): AccountRow | null {
  const raw = db.prepare(`SELECT ${COLUMNS} FROM staff_accounts WHERE id = ?`).get(id)
  return raw === undefined ? null : AccountRowSchema.parse(raw)
}

export function accountOfOfficer(db: Db, officerId: number): AccountRow | null {
  const raw = db.prepare(`SELECT ${COLUMNS} FROM staff_accounts WHERE officer_id = ?`).get(officerId)
  return raw === undefined ? null : AccountRowSchema.parse(raw)
}

export function listAccounts(db: Db): AccountRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM staff_accounts ORDER BY role, display_name`)
    .all()
    .map((raw) => AccountRowSchema.parse(raw))
}

export function hasAdmin(db: Db): boolean {
  return db.prepare("SELECT 1 FROM staff_accounts WHERE role = 'admin'").get() !== undefined
}

/** Admin accounts that can still log in: the last one must never be disabled (nobody could undo it). */
export function enabledAdminCount(db: Db): number {
  return z
    .number()
    .int()
    .parse(db.prepare("SELECT count(*) FROM staff_accounts WHERE role = 'admin' AND disabled = 0").pluck().get())
}

/** True when the account belongs to an officer IT has marked inactive: such an account may do nothing. */
export function officerInactive(db: Db, row: AccountRow): boolean {
  if (row.officer_id === null) return false
  return db.prepare('SELECT 1 FROM officers WHERE id = ? AND active = 1').get(row.officer_id) === undefined
}

export function disableAccount(db: Db, id: number, at: number): void {
  db.prepare('UPDATE staff_accounts SET disabled = 1, updated_at = ? WHERE id = ?').run(at, id)
}

export function storedHash(row: AccountRow): PinHash {
  return { hash: row.pin_hash, salt: row.pin_salt, params: row.pin_params }
}

export function adminView(row: AccountRow): AccountAdminView {
  return {
    id: row.id,
    role: row.role,
    displayName: row.display_name,
    officerId: row.officer_id,
    failedCount: row.failed_count,
    lockedUntil: row.locked_until,
    disabled: row.disabled,
    updatedAt: row.updated_at,
  }
}

export interface NewAccount {
  role: StaffRole
  officerId: number | null
  displayName: string
  pin: PinHash
}

export function insertAccount(db: Db, at: number, a: NewAccount): number {
  return Number(
    db
      .prepare(
        `INSERT INTO staff_accounts (role, officer_id, display_name, pin_hash, pin_salt, pin_params, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.role, a.officerId, a.displayName, a.pin.hash, a.pin.salt, a.pin.params, at, at).lastInsertRowid,
  )
}

/** A new PIN also clears the lockout: IT has just spoken to the person. */
export function replacePin(db: Db, id: number, at: number, pin: PinHash): void {
  db.prepare(
    `UPDATE staff_accounts SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_count = 0, locked_until = NULL,
            disabled = 0, updated_at = ? WHERE id = ?`,
  ).run(pin.hash, pin.salt, pin.params, at, id)
}

export function recordFailure(
  db: Db,
  id: number,
  at: number,
  failures: number,
  lockedUntil: number | null,
  disabled: boolean,
): void {
  db.prepare(
    'UPDATE staff_accounts SET failed_count = ?, locked_until = ?, disabled = ?, updated_at = ? WHERE id = ?',
  ).run(failures, lockedUntil, disabled ? 1 : 0, at, id)
}

export function clearFailures(db: Db, id: number, at: number): void {
  db.prepare(
    'UPDATE staff_accounts SET failed_count = 0, locked_until = NULL, disabled = 0, updated_at = ? WHERE id = ?',
  ).run(at, id)
}

const DirectoryRowSchema = z.strictObject({
  id: IdSchema,
  role: z.enum(['officer', 'admin']),
  display_name: verbatim(100, 1),
  photo: MediaPathSchema.nullable(),
  counter_number: z.number().int().nullable(),
})

/** The names on the login screens: active officers with an account (with their counter now), and admins. */
export function loginDirectory(db: Db, at: number): LoginAccount[] {
  return db
    .prepare(
      `SELECT s.id, s.role, COALESCE(o.full_name, s.display_name) AS display_name, o.photo,
              (SELECT c.number FROM assignments a JOIN counters c ON c.id = a.counter_id
                WHERE a.officer_id = s.officer_id AND a.starts_at <= @at AND (a.ends_at IS NULL OR a.ends_at > @at)
                ORDER BY a.starts_at DESC LIMIT 1) AS counter_number
         FROM staff_accounts s LEFT JOIN officers o ON o.id = s.officer_id
        WHERE s.officer_id IS NULL OR o.active = 1
        ORDER BY counter_number IS NULL, counter_number, display_name`,
    )
    .all({ at })
    .map((raw) => {
      const r = DirectoryRowSchema.parse(raw)
      return {
        id: r.id,
        role: r.role,
        displayName: r.display_name,
        photoUrl: r.photo,
        counterNumber: r.counter_number,
      }
    })
}
