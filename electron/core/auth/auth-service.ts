import crypto from 'node:crypto'
import type { LoginResult, SessionView, StaffRole } from '../../../shared/schemas/auth'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import {
  clearFailures,
  getAccount,
  hasAdmin,
  insertAccount,
  recordFailure,
  storedHash,
  type AccountRow,
} from './account-repo'
import { lockoutAfter } from './lockout'
import { SALT_BYTES, formatParams, hashPin, verifyPin, type PinHash, type ScryptCost } from './pin-hash'

/** A session ends 15 minutes after login whatever happens; the idle limit is the kiosk's `idle.staffSeconds`. */
export const SESSION_MAX_MS = 15 * 60_000

interface Session {
  accountId: number
  role: StaffRole
  displayName: string
  officerId: number | null
  startedAt: number
  lastActivityAt: number
}

export interface AuthDeps {
  db: Db
  clock: Clock
  /** Kept outside the database (SecretStore). */
  pepper: Buffer
  cost: ScryptCost
}

export interface AuthService {
  login(accountId: number, pin: string): Promise<LoginResult>
  setupFirstAdmin(displayName: string, pin: string): Promise<LoginResult>
  logout(): boolean
  /** The live session (expiring it first if its time is up), or null. */
  current(): SessionView | null
  touch(): SessionView | null
  /** The live session if it has `role`; otherwise FORBIDDEN. Every protected call goes through here. */
  require(role: StaffRole): Actor & { officerId: number | null }
  /** Hashes a PIN with this kiosk's pepper and cost (for IT setting PINs). */
  hash(pin: string): Promise<PinHash>
  /** Who is acting now, for the audit log. */
  actor(): Actor
}

/**
 * The one staff session of this kiosk lives here, in core — never in the renderer, which only shows it. Logins
 * run one at a time, so parallel guesses cannot slip past the lockout and each costs a full scrypt.
 */
export function createAuthService({ db, clock, pepper, cost }: AuthDeps): AuthService {
  let session: Session | null = null
  let chain: Promise<unknown> = Promise.resolve()
  // An unknown account is checked against this random hash of the same cost: same work, never a match.
  const decoy: PinHash = {
    hash: crypto.randomBytes(32).toString('hex'),
    salt: crypto.randomBytes(SALT_BYTES).toString('hex'),
    params: formatParams(cost),
  }

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work)
    chain = run.catch(() => undefined)
    return run
  }
  const audit = (actor: Actor, action: string, target = '', detail: Record<string, unknown> = {}) =>
    appendAudit(db, clock.now(), actor, { action, target, detail })
  const idleMs = () => getSetting(db, 'kiosk').idle.staffSeconds * 1000

  const view = (s: Session): SessionView => ({
    accountId: s.accountId,
    role: s.role,
    displayName: s.displayName,
    officerId: s.officerId,
    startedAt: s.startedAt,
    expiresAt: Math.min(s.lastActivityAt + idleMs(), s.startedAt + SESSION_MAX_MS),
    idleSeconds: idleMs() / 1000,
  })

  const live = (): Session | null => {
    if (session === null) return null
    if (clock.now() >= view(session).expiresAt) {
      audit({ id: session.accountId, name: session.displayName }, 'auth.expired')
      session = null
    }
    return session
  }

  const start = (row: AccountRow): LoginResult => {
    const now = clock.now()
    session = {
      accountId: row.id,
      role: row.role,
      displayName: row.display_name,
      officerId: row.officer_id,
      startedAt: now,
      lastActivityAt: now,
    }
    return { status: 'ok', session: view(session) }
  }

  const attempt = async (accountId: number, pin: string): Promise<LoginResult> => {
    const row = getAccount(db, accountId)
    const who: Actor = row ? { id: row.id, name: row.display_name } : { id: null, name: '' }
    if (row?.disabled) {
      audit(who, 'auth.refused', `account:${accountId}`, { reason: 'disabled' })
      return { status: 'disabled' }
    }
    if (row && row.locked_until !== null && row.locked_until > clock.now()) {
      audit(who, 'auth.refused', `account:${accountId}`, { reason: 'locked' })
      return { status: 'locked', retryAt: row.locked_until }
    }
    const matches = await verifyPin(pin, pepper, row ? storedHash(row) : decoy)
    const now = clock.now()
    if (row && matches) {
      return db.transaction(() => {
        clearFailures(db, row.id, now)
        if (session) audit({ id: session.accountId, name: session.displayName }, 'auth.logout', '', { replaced: true })
        audit(who, 'auth.login', `account:${row.id}`)
        return start(row)
      }).immediate()
    }
    if (!row) {
      audit(who, 'auth.failed', `account:${accountId}`, { known: false })
      return { status: 'denied' }
    }
    return db.transaction((): LoginResult => {
      // Re-read inside the write transaction: the count is the database's, not what we saw before hashing.
      const failures = (getAccount(db, row.id)?.failed_count ?? row.failed_count) + 1
      const lock = lockoutAfter(failures, now)
      const lockedUntil = lock.disabled ? null : lock.lockedUntil
      recordFailure(db, row.id, now, failures, lockedUntil, lock.disabled)
      audit(who, 'auth.failed', `account:${row.id}`, { failures })
      if (lock.disabled) {
        audit(who, 'auth.disabled', `account:${row.id}`, { failures })
        return { status: 'disabled' }
      }
      return lockedUntil === null ? { status: 'denied' } : { status: 'locked', retryAt: lockedUntil }
    }).immediate()
  }

  return {
    login: (accountId, pin) => serial(() => attempt(accountId, pin)),

    setupFirstAdmin: (displayName, pin) =>
      serial(async () => {
        const pinHash = await hashPin(pin, pepper, cost)
        return db.transaction((): LoginResult => {
          if (hasAdmin(db)) throw new AppError('CONFLICT', 'an admin account exists already')
          const id = insertAccount(db, clock.now(), { role: 'admin', officerId: null, displayName, pin: pinHash })
          audit({ id, name: displayName }, 'auth.setup', `account:${id}`)
          const row = getAccount(db, id)
          if (!row) throw new Error('account vanished')
          audit({ id, name: displayName }, 'auth.login', `account:${id}`)
          return start(row)
        }).immediate()
      }),

    logout: () => {
      const s = live()
      if (s === null) return false
      audit({ id: s.accountId, name: s.displayName }, 'auth.logout')
      session = null
      return true
    },

    current: () => {
      const s = live()
      return s === null ? null : view(s)
    },

    touch: () => {
      const s = live()
      if (s === null) return null
      s.lastActivityAt = clock.now()
      return view(s)
    },

    require: (role) => {
      const s = live()
      if (s === null) throw new AppError('FORBIDDEN', 'no staff session (log in first)')
      if (s.role !== role) throw new AppError('FORBIDDEN', `this call needs the ${role} role`)
      s.lastActivityAt = clock.now()
      return { id: s.accountId, name: s.displayName, officerId: s.officerId }
    },

    hash: (pin) => hashPin(pin, pepper, cost),

    actor: () => {
      const s = live()
      return s === null ? { id: null, name: '' } : { id: s.accountId, name: s.displayName }
    },
  }
}
