import crypto from 'node:crypto'
import type { LoginResult, SessionView, StaffRole } from '../../../shared/schemas/auth'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import {
  clearFailures,
  enabledAdminCount,
  getAccount,
  hasAdmin,
  insertAccount,
  officerInactive,
  recordFailure,
  storedHash,
  type AccountRow,
} from './account-repo'
import { MAX_DELAY_MS, lockoutAfter } from './lockout'
import { SALT_BYTES, formatParams, hashPin, verifyPin, type PinHash, type ScryptCost } from './pin-hash'
import { createRateLimiter, type RateLimit } from '../rate-limit'

/** Who holds the session, as the calls open to both roles need it: the role decides what they may do. */
export type StaffActor = Actor & { role: StaffRole; officerId: number | null }

/** A session ends 15 minutes after login whatever happens; the idle limit is the kiosk's `idle.staffSeconds`. */
export const SESSION_MAX_MS = 15 * 60_000

/**
 * At most this many clients (windows, browser pages) hold a session at once. A kiosk has one or two screens;
 * the bound only stops a misbehaving client from growing the map, and the oldest session gives way first.
 */
export const MAX_SESSIONS = 16

interface Session {
  accountId: number
  role: StaffRole
  displayName: string
  officerId: number | null
  startedAt: number
  lastActivityAt: number
}

/**
 * Audit rows of refused logins (locked, disabled, inactive accounts) from all screens together: 30 at once, then
 * one every 5 s — far more than a centre's staff produce, far less than a stuck page calling in a loop.
 */
export const REFUSAL_AUDITS: RateLimit = { burst: 30, refillMs: 5_000 }

export interface AuthDeps {
  db: Db
  clock: Clock
  /** Kept outside the database (SecretStore). */
  pepper: Buffer
  cost: ScryptCost
}

/**
 * Every method that reads or changes a session takes the caller's `clientId` (see `CallContext`): each window or
 * page has its own session, and nothing done on one client touches another client's session.
 */
export interface AuthService {
  login(clientId: string, accountId: number, pin: string): Promise<LoginResult>
  setupFirstAdmin(clientId: string, displayName: string, pin: string): Promise<LoginResult>
  logout(clientId: string): boolean
  /** Ends every client's session (a restore replaced the accounts). Returns how many ended. */
  logoutAll(): number
  /**
   * Ends `accountId`'s sessions in every window (IT reset its PIN, disabled it, or deactivated its officer), except
   * on `keepClientId` — the admin changing their own PIN keeps the window they did it from. Returns how many ended.
   */
  logoutAccount(accountId: number, keepClientId?: string): number
  /**
   * Ends the sessions of every client whose id starts with `prefix` — all windows of one paired PC, when IT moves
   * it to another counter: an officer logged in at the old counter must not go on working the new one.
   */
  logoutClients(prefix: string, reason: string): number
  /** The client's live session (expiring it first if its time is up), or null. */
  current(clientId: string): SessionView | null
  touch(clientId: string): SessionView | null
  /** The client's live session if it has `role`; otherwise FORBIDDEN. Every protected call goes through here. */
  require(clientId: string, role: StaffRole): Actor & { officerId: number | null }
  /**
   * The client's live session of either role (calls open to officers and IT alike, e.g. the counter controls);
   * otherwise FORBIDDEN. `touch: false` for reads a screen makes on its own (a pushed refresh is not someone at the
   * screen, so it must not keep an idle session alive).
   */
  requireStaff(clientId: string, options?: { touch: boolean }): StaffActor
  /** Hashes a PIN with this kiosk's pepper and cost (for IT setting PINs). */
  hash(pin: string): Promise<PinHash>
  /** Who is acting on this client now, for the audit log. */
  actor(clientId: string): Actor
}

/**
 * The staff sessions live here, in core — never in the renderer, which only shows them — one per client. Logins
 * run one at a time, so parallel guesses cannot slip past the lockout (which is per account, in the database,
 * whatever client tries) and each costs a full scrypt.
 */
export function createAuthService({ db, clock, pepper, cost }: AuthDeps): AuthService {
  // Insertion order is login order (a new login on a client deletes before it inserts): the first is the oldest.
  const sessions = new Map<string, Session>()
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

  const actorOf = (s: Session): Actor => ({ id: s.accountId, name: s.displayName })

  const live = (clientId: string): Session | null => {
    const s = sessions.get(clientId)
    if (s === undefined) return null
    if (clock.now() >= view(s).expiresAt) {
      audit(actorOf(s), 'auth.expired')
      sessions.delete(clientId)
      return null
    }
    return s
  }

  /** Makes room for one more session: expired ones go first, then the oldest live one. */
  const makeRoom = () => {
    for (const clientId of [...sessions.keys()]) live(clientId)
    while (sessions.size >= MAX_SESSIONS) {
      const first = sessions.entries().next()
      if (first.done === true) return
      const [oldestClient, oldest] = first.value
      audit(actorOf(oldest), 'auth.expired', '', { reason: 'too many sessions' })
      sessions.delete(oldestClient)
    }
  }

  const start = (clientId: string, row: AccountRow): LoginResult => {
    const now = clock.now()
    const replaced = sessions.get(clientId)
    if (replaced) audit(actorOf(replaced), 'auth.logout', '', { replaced: true })
    sessions.delete(clientId)
    makeRoom()
    const session: Session = {
      accountId: row.id,
      role: row.role,
      displayName: row.display_name,
      officerId: row.officer_id,
      startedAt: now,
      lastActivityAt: now,
    }
    sessions.set(clientId, session)
    return { status: 'ok', session: view(session) }
  }

  // Refusals that need no PIN check are answered at once, so a page could write their audit rows as fast as it
  // calls (the audit log is append-only). They are recorded up to a rate for all screens together; the answer is
  // the same either way, and nobody's login is ever held back by someone else's tries.
  const refusalAudits = createRateLimiter(REFUSAL_AUDITS)
  const auditRefusal = (who: Actor, accountId: number, reason: string) => {
    if (refusalAudits.take('all', clock.now())) audit(who, 'auth.refused', `account:${accountId}`, { reason })
  }

  const attempt = async (clientId: string, accountId: number, pin: string): Promise<LoginResult> => {
    const row = getAccount(db, accountId)
    const who: Actor = row ? { id: row.id, name: row.display_name } : { id: null, name: '' }
    // An inactive officer gets exactly the answer of a disabled account: IT switched both off.
    const inactive = row !== null && officerInactive(db, row)
    if (row?.disabled === true || inactive) {
      auditRefusal(who, accountId, inactive ? 'inactive' : 'disabled')
      return { status: 'disabled' }
    }
    if (row && row.locked_until !== null && row.locked_until > clock.now()) {
      auditRefusal(who, accountId, 'locked')
      return { status: 'locked', retryAt: row.locked_until }
    }
    const matches = await verifyPin(pin, pepper, row ? storedHash(row) : decoy)
    const now = clock.now()
    if (row && matches) {
      return db.transaction(() => {
        clearFailures(db, row.id, now)
        audit(who, 'auth.login', `account:${row.id}`)
        return start(clientId, row)
      }).immediate()
    }
    if (!row) {
      audit(who, 'auth.failed', `account:${accountId}`, { known: false })
      return { status: 'denied' }
    }
    return db.transaction((): LoginResult => {
      // Re-read inside the write transaction: the count is the database's, not what we saw before hashing.
      const failures = (getAccount(db, row.id)?.failed_count ?? row.failed_count) + 1
      const scheduled = lockoutAfter(failures, now)
      // Disabling the last enabled admin would lock IT out for good (only an admin can unlock): anyone at the
      // kiosk could do it with ten guesses. That account stays at the longest wait instead.
      const lastAdmin = row.role === 'admin' && enabledAdminCount(db) <= 1
      const lock = scheduled.disabled && lastAdmin ? { disabled: false as const, lockedUntil: now + MAX_DELAY_MS } : scheduled
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
    login: (clientId, accountId, pin) => serial(() => attempt(clientId, accountId, pin)),

    setupFirstAdmin: (clientId, displayName, pin) =>
      serial(async () => {
        const pinHash = await hashPin(pin, pepper, cost)
        return db.transaction((): LoginResult => {
          if (hasAdmin(db)) throw new AppError('CONFLICT', 'an admin account exists already')
          const id = insertAccount(db, clock.now(), { role: 'admin', officerId: null, displayName, pin: pinHash })
          audit({ id, name: displayName }, 'auth.setup', `account:${id}`)
          const row = getAccount(db, id)
          if (!row) throw new Error('account vanished')
          audit({ id, name: displayName }, 'auth.login', `account:${id}`)
          return start(clientId, row)
        }).immediate()
      }),

    logout: (clientId) => {
      const s = live(clientId)
      if (s === null) return false
      audit(actorOf(s), 'auth.logout')
      sessions.delete(clientId)
      return true
    },

    logoutAll: () => {
      const count = sessions.size
      for (const s of sessions.values()) audit(actorOf(s), 'auth.logout', '', { all: true })
      sessions.clear()
      return count
    },

    logoutAccount: (accountId, keepClientId) => {
      let count = 0
      for (const [clientId, s] of [...sessions.entries()]) {
        if (s.accountId !== accountId || clientId === keepClientId) continue
        audit(actorOf(s), 'auth.logout', '', { revoked: true })
        sessions.delete(clientId)
        count++
      }
      return count
    },

    logoutClients: (prefix, reason) => {
      let count = 0
      for (const [clientId, s] of [...sessions.entries()]) {
        if (!clientId.startsWith(prefix)) continue
        audit(actorOf(s), 'auth.logout', '', { reason })
        sessions.delete(clientId)
        count++
      }
      return count
    },

    current: (clientId) => {
      const s = live(clientId)
      return s === null ? null : view(s)
    },

    touch: (clientId) => {
      const s = live(clientId)
      if (s === null) return null
      s.lastActivityAt = clock.now()
      return view(s)
    },

    require: (clientId, role) => {
      const s = live(clientId)
      if (s === null) throw new AppError('FORBIDDEN', 'no staff session (log in first)')
      if (s.role !== role) throw new AppError('FORBIDDEN', `this call needs the ${role} role`)
      s.lastActivityAt = clock.now()
      return { id: s.accountId, name: s.displayName, officerId: s.officerId }
    },

    requireStaff: (clientId, options = { touch: true }) => {
      const s = live(clientId)
      if (s === null) throw new AppError('FORBIDDEN', 'no staff session (log in first)')
      if (options.touch) s.lastActivityAt = clock.now()
      return { id: s.accountId, name: s.displayName, role: s.role, officerId: s.officerId }
    },

    hash: (pin) => hashPin(pin, pepper, cost),

    actor: (clientId) => {
      const s = live(clientId)
      return s === null ? { id: null, name: '' } : actorOf(s)
    },
  }
}
