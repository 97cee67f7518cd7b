import crypto from 'node:crypto'
import { z } from 'zod'
import { SqlInt, type SqlValue } from '../signals/sql-reader'
import { dummyPasswordHash, hashPassword, verifyPassword, type ScryptCost } from './password'

/** The part of the storage port the dashboard writes through (both adapters provide it). */
export interface WebSql {
  all(sql: string, params?: readonly SqlValue[]): Promise<Record<string, unknown>[]>
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
}

/**
 * Dashboard accounts. Three roles: `province` (every centre, manages accounts and alerts), `leader` (one centre,
 * enforced on every query by the router), `auditor` (every centre, read only).
 */
export const RoleSchema = z.enum(['province', 'leader', 'auditor'])
export type Role = z.infer<typeof RoleSchema>

export const UsernameSchema = z.string().regex(/^[a-z0-9._-]{3,40}$/, 'username: 3–40 of a-z 0-9 . _ -')
/** Long enough to resist guessing even past the rate limit; no composition rules (NIST SP 800-63B). */
export const PasswordSchema = z.string().min(12, 'password: at least 12 characters').max(200)

export const NewUserSchema = z
  .strictObject({
    username: UsernameSchema,
    password: PasswordSchema,
    role: RoleSchema,
    centreId: z.string().min(1).max(64).nullable(),
    displayName: z.string().trim().min(1).max(100),
  })
  .refine((u) => (u.role === 'leader') === (u.centreId !== null), {
    message: 'a centre leader has exactly one centre; other roles have none',
    path: ['centreId'],
  })
export type NewUser = z.infer<typeof NewUserSchema>

const UserRow = z.looseObject({
  username: z.string(),
  password_hash: z.string(),
  role: RoleSchema,
  centre_id: z.string().nullable(),
  display_name: z.string(),
  disabled_at: SqlInt.nullable(),
  failed_count: SqlInt,
  locked_until: SqlInt.nullable(),
})

export interface User {
  username: string
  role: Role
  centreId: string | null
  displayName: string
  disabled: boolean
}

function toUser(r: z.infer<typeof UserRow>): User {
  return { username: r.username, role: r.role, centreId: r.centre_id, displayName: r.display_name, disabled: r.disabled_at !== null }
}

/**
 * 'no-centre' when a leader is named for a centre IT has not added: said before the INSERT, which the foreign key
 * would otherwise refuse with a database error (an internal error on the admin page, a stack on the CLI).
 */
export async function addUser(db: WebSql, user: NewUser, now: number, cost?: ScryptCost): Promise<'added' | 'exists' | 'no-centre'> {
  const known = await db.all('SELECT username FROM dashboard_users WHERE username = ?', [user.username])
  if (known.length > 0) return 'exists'
  if (user.centreId !== null && (await db.all('SELECT centre_id FROM centres WHERE centre_id = ?', [user.centreId])).length === 0) return 'no-centre'
  const hash = await hashPassword(user.password, cost)
  // The same name added meanwhile (another tab or process, during the hash) is 'exists', not a key violation.
  const added = await db.run(
    `INSERT INTO dashboard_users (username, password_hash, role, centre_id, display_name, created_at, failed_count)
     VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT (username) DO NOTHING`,
    [user.username, hash, user.role, user.centreId, user.displayName, now],
  )
  return added === 1 ? 'added' : 'exists'
}

export async function listUsers(db: WebSql): Promise<User[]> {
  return z.array(UserRow).parse(await db.all('SELECT * FROM dashboard_users ORDER BY username')).map(toUser)
}

export async function setDisabled(db: WebSql, username: string, disabled: boolean, now: number): Promise<boolean> {
  const changed = await db.run('UPDATE dashboard_users SET disabled_at = ? WHERE username = ?', [disabled ? now : null, username])
  if (disabled) await db.run('DELETE FROM dashboard_sessions WHERE username = ?', [username])
  return changed === 1
}

/**
 * Per-account brake, stored so every collector process sees it: from the 5th consecutive failure the account
 * waits 30 s, doubling to at most 1 h (the kiosk's PIN rule, DESIGN §5). The per-address limit is in login-limit.ts.
 */
export const LOCK_AFTER = 5
export function lockMs(failures: number): number {
  return failures < LOCK_AFTER ? 0 : Math.min(30_000 * 2 ** (failures - LOCK_AFTER), 3_600_000)
}

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'bad' | 'locked'; retryAt?: number }

/** Same answer and similar time for an unknown name, a disabled account and a wrong password. */
export async function checkLogin(db: WebSql, username: string, password: string, now: number): Promise<LoginResult> {
  const row = z.array(UserRow).parse(await db.all('SELECT * FROM dashboard_users WHERE username = ?', [username]))[0]
  if (row === undefined || row.disabled_at !== null) {
    await verifyPassword(password, await dummyPasswordHash())
    return { ok: false, reason: 'bad' }
  }
  if (row.locked_until !== null && row.locked_until > now) return { ok: false, reason: 'locked', retryAt: row.locked_until }
  if (await verifyPassword(password, row.password_hash)) {
    await db.run('UPDATE dashboard_users SET failed_count = 0, locked_until = NULL WHERE username = ?', [username])
    return { ok: true, user: toUser(row) }
  }
  // Counted in the database, not from the row read before the (slow) hash: attempts sent all at once, to one
  // process or several, would otherwise each write the same count + 1 and never reach the lock.
  const counted = await db.all('UPDATE dashboard_users SET failed_count = failed_count + 1 WHERE username = ? RETURNING failed_count', [username])
  const failures = z.array(z.looseObject({ failed_count: SqlInt })).parse(counted)[0]?.failed_count ?? 0
  const wait = lockMs(failures)
  if (wait > 0) {
    // The longest lock wins: a slower attempt with a lower count must not shorten it.
    await db.run('UPDATE dashboard_users SET locked_until = ? WHERE username = ? AND (locked_until IS NULL OR locked_until < ?)', [
      now + wait,
      username,
      now + wait,
    ])
  }
  return { ok: false, reason: 'bad' }
}

/** Sessions: 30 min without a request ends one, and 12 h after login in any case (a shared office PC). */
export const SESSION_IDLE_MS = 30 * 60_000
export const SESSION_MAX_MS = 12 * 3_600_000

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

export interface Session {
  user: User
  csrf: string
}

/** Returns the cookie value; only its hash is stored, so a copy of the database opens no session. */
export async function createSession(db: WebSql, username: string, now: number): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url')
  const csrf = crypto.randomBytes(24).toString('base64url')
  await db.run('DELETE FROM dashboard_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [now, now - SESSION_IDLE_MS])
  await db.run(
    `INSERT INTO dashboard_sessions (id_hash, username, csrf_token, created_at, last_seen_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [sha256(id), username, csrf, now, now, now + SESSION_MAX_MS],
  )
  return id
}

const SessionRow = UserRow.extend({ csrf_token: z.string(), last_seen_at: SqlInt, expires_at: SqlInt })

export async function findSession(db: WebSql, id: string, now: number): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null
  const raw = await db.all(
    `SELECT u.*, s.csrf_token, s.last_seen_at, s.expires_at FROM dashboard_sessions s
       JOIN dashboard_users u ON u.username = s.username WHERE s.id_hash = ?`,
    [sha256(id)],
  )
  const row = z.array(SessionRow).parse(raw)[0]
  if (row === undefined || row.disabled_at !== null) return null
  if (row.expires_at <= now || row.last_seen_at + SESSION_IDLE_MS <= now) {
    await db.run('DELETE FROM dashboard_sessions WHERE id_hash = ?', [sha256(id)])
    return null
  }
  await db.run('UPDATE dashboard_sessions SET last_seen_at = ? WHERE id_hash = ?', [now, sha256(id)])
  return { user: toUser(row), csrf: row.csrf_token }
}

export async function endSession(db: WebSql, id: string): Promise<void> {
  await db.run('DELETE FROM dashboard_sessions WHERE id_hash = ?', [sha256(id)])
}

/** The same session's CSRF token, compared in constant time. */
export function csrfMatches(session: Session, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(session.csrf)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}
