import { staffActor } from '../access'
import { appendAudit, listAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { BOM, csvLine } from '../reports/export-rows'
import { getOfficerView } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import {
  accountOfOfficer,
  adminView,
  clearFailures,
  disableAccount,
  enabledAdminCount,
  getAccount,
  hasAdmin,
  insertAccount,
  listAccounts,
  loginDirectory,
  replacePin,
} from './account-repo'
import type { AuthService } from './auth-service'

type AuthCall =
  | 'auth:accounts'
  | 'auth:login'
  | 'auth:setup'
  | 'auth:logout'
  | 'auth:session'
  | 'auth:touch'
  | 'auth:list'
  | 'auth:setOfficerPin'
  | 'auth:addAdmin'
  | 'auth:unlock'
  | 'auth:disable'
  | 'auth:setAdminPin'
  | 'audit:list'
  | 'audit:export'

export interface AuthHandlerDeps {
  db: Db
  clock: Clock
  auth: AuthService
}

export function createAuthHandlers({ db, clock, auth }: AuthHandlerDeps): Pick<Handlers, AuthCall> {
  const accountView = (id: number) => {
    const row = getAccount(db, id)
    if (!row) throw new Error(`account ${id} vanished`)
    return adminView(row)
  }
  return {
    'auth:accounts': () => ({ hasAdmin: hasAdmin(db), accounts: loginDirectory(db, clock.now()) }),
    'auth:login': ({ accountId, pin }, { clientId }) => {
      return auth.login(clientId, accountId, pin)
    },
    'auth:setup': ({ displayName, pin }, { clientId }) => auth.setupFirstAdmin(clientId, displayName, pin),
    'auth:logout': (_input, { clientId }) => ({ loggedOut: auth.logout(clientId) }),
    'auth:session': (_input, { clientId }) => auth.current(clientId),
    'auth:touch': (_input, { clientId }) => auth.touch(clientId),

    'auth:list': () => {
      return listAccounts(db).map(adminView)
    },

    'auth:setOfficerPin': async ({ officerId, pin }, { caller }) => {
      const actor = staffActor(caller)
      const officer = getOfficerView(db, officerId)
      if (!officer) throw new AppError('NOT_FOUND', `no officer ${officerId}`)
      // Hash before the write transaction: scrypt is slow and must not hold the database.
      const pinHash = await auth.hash(pin)
      const view = db.transaction(() => {
        const now = clock.now()
        const existing = accountOfOfficer(db, officerId)
        const id = existing
          ? (replacePin(db, existing.id, now, pinHash), existing.id)
          : insertAccount(db, now, { role: 'officer', officerId, displayName: officer.fullName, pin: pinHash })
        appendAudit(db, now, actor, { action: 'auth.set_pin', target: `officer:${officerId}`, detail: { account: id } })
        return accountView(id)
      }).immediate()
      // A PIN reset is how IT takes access back from whoever learnt the old one: their open windows close too.
      auth.logoutAccount(view.id)
      return view
    },

    'auth:setAdminPin': async ({ accountId, pin }, { clientId, caller }) => {
      const actor = staffActor(caller)
      const pinHash = await auth.hash(pin)
      const view = db.transaction(() => {
        const row = getAccount(db, accountId)
        if (!row) throw new AppError('NOT_FOUND', `no account ${accountId}`)
        if (row.role !== 'admin') throw new AppError('BAD_INPUT', `account ${accountId} is an officer's (use setOfficerPin)`)
        replacePin(db, accountId, clock.now(), pinHash)
        // Never the PIN, nor its hash: only whose PIN changed.
        appendAudit(db, clock.now(), actor, { action: 'auth.set_admin_pin', target: `account:${accountId}` })
        return accountView(accountId)
      }).immediate()
      // Other windows of that account close; the admin changing their own PIN keeps this one.
      auth.logoutAccount(accountId, clientId)
      return view
    },

    'auth:disable': ({ accountId }, { caller }) => {
      const actor = staffActor(caller)
      const view = db.transaction(() => {
        const row = getAccount(db, accountId)
        if (!row) throw new AppError('NOT_FOUND', `no account ${accountId}`)
        if (row.id === actor.id) throw new AppError('CONFLICT', 'an admin cannot disable their own account')
        // Only an admin can enable an account again: the last enabled one must stay.
        if (row.role === 'admin' && !row.disabled && enabledAdminCount(db) <= 1) {
          throw new AppError('CONFLICT', 'the last enabled admin account cannot be disabled')
        }
        disableAccount(db, accountId, clock.now())
        appendAudit(db, clock.now(), actor, { action: 'auth.disable', target: `account:${accountId}` })
        return accountView(accountId)
      }).immediate()
      auth.logoutAccount(accountId)
      return view
    },

    'auth:addAdmin': async ({ displayName, pin }, { caller }) => {
      const actor = staffActor(caller)
      const pinHash = await auth.hash(pin)
      return db.transaction(() => {
        const now = clock.now()
        const id = insertAccount(db, now, { role: 'admin', officerId: null, displayName, pin: pinHash })
        appendAudit(db, now, actor, { action: 'auth.add_admin', target: `account:${id}`, detail: { displayName } })
        return accountView(id)
      }).immediate()
    },

    'auth:unlock': ({ accountId }, { caller }) => {
      const actor = staffActor(caller)
      return db.transaction(() => {
        if (!getAccount(db, accountId)) throw new AppError('NOT_FOUND', `no account ${accountId}`)
        clearFailures(db, accountId, clock.now())
        appendAudit(db, clock.now(), actor, { action: 'auth.unlock', target: `account:${accountId}` })
        return accountView(accountId)
      }).immediate()
    },

    'audit:list': (query) => {
      return listAudit(db, query)
    },

    'audit:export': (_input, { caller }) => {
      const actor = staffActor(caller)
      appendAudit(db, clock.now(), actor, { action: 'audit.export' })
      const entries = listAudit(db, { limit: 20_000, before: null, from: null, to: null, action: null })
      const lines = entries.map((e) => csvLine([new Date(e.at).toISOString(), e.actorName, e.action, e.target, e.detail]))
      return {
        fileName: `nhat-ky-${new Date(clock.now()).toISOString().slice(0, 10)}.csv`,
        csv: BOM + csvLine(['Thời gian (UTC)', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Chi tiết']) + lines.join(''),
      }
    },
  }
}
