import { appendAudit, listAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { getOfficerView } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import {
  accountOfOfficer,
  adminView,
  clearFailures,
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
  | 'audit:list'

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
    'auth:login': ({ accountId, pin }) => auth.login(accountId, pin),
    'auth:setup': ({ displayName, pin }) => auth.setupFirstAdmin(displayName, pin),
    'auth:logout': () => ({ loggedOut: auth.logout() }),
    'auth:session': () => auth.current(),
    'auth:touch': () => auth.touch(),

    'auth:list': () => {
      auth.require('admin')
      return listAccounts(db).map(adminView)
    },

    'auth:setOfficerPin': async ({ officerId, pin }) => {
      const actor = auth.require('admin')
      const officer = getOfficerView(db, officerId)
      if (!officer) throw new AppError('NOT_FOUND', `no officer ${officerId}`)
      // Hash before the write transaction: scrypt is slow and must not hold the database.
      const pinHash = await auth.hash(pin)
      return db.transaction(() => {
        const now = clock.now()
        const existing = accountOfOfficer(db, officerId)
        const id = existing
          ? (replacePin(db, existing.id, now, pinHash), existing.id)
          : insertAccount(db, now, { role: 'officer', officerId, displayName: officer.fullName, pin: pinHash })
        appendAudit(db, now, actor, { action: 'auth.set_pin', target: `officer:${officerId}`, detail: { account: id } })
        return accountView(id)
      }).immediate()
    },

    'auth:addAdmin': async ({ displayName, pin }) => {
      const actor = auth.require('admin')
      const pinHash = await auth.hash(pin)
      return db.transaction(() => {
        const now = clock.now()
        const id = insertAccount(db, now, { role: 'admin', officerId: null, displayName, pin: pinHash })
        appendAudit(db, now, actor, { action: 'auth.add_admin', target: `account:${id}`, detail: { displayName } })
        return accountView(id)
      }).immediate()
    },

    'auth:unlock': ({ accountId }) => {
      const actor = auth.require('admin')
      return db.transaction(() => {
        if (!getAccount(db, accountId)) throw new AppError('NOT_FOUND', `no account ${accountId}`)
        clearFailures(db, accountId, clock.now())
        appendAudit(db, clock.now(), actor, { action: 'auth.unlock', target: `account:${accountId}` })
        return accountView(accountId)
      }).immediate()
    },

    'audit:list': (query) => {
      auth.require('admin')
      return listAudit(db, query)
    },
  }
}
