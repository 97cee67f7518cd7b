import type { UploadConfig, UploadConfigView } from '../../../shared/schemas/sync'
import { staffActor } from '../access'
import { appendAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { deadLetters, requeueDead } from './outbox-repo'
import { updateUploadState } from './state-repo'
import type { SyncService } from './sync-service'
import { readUploadConfig } from './uploader'

type SyncCall =
  | 'sync:status'
  | 'sync:now'
  | 'sync:config'
  | 'sync:configure'
  | 'sync:deadLetters'
  | 'sync:requeueDead'
  | 'sync:test'

export interface SyncHandlerDeps {
  db: Db
  clock: Clock
  /** Everything here but the status is IT's (the contract's rules, checked in dispatch); changes are audited. */
  sync: SyncService
}

function view(config: UploadConfig): UploadConfigView {
  const { enrollmentToken, ...rest } = config
  return { ...rest, hasEnrollmentToken: enrollmentToken !== null }
}

export function createSyncHandlers({ db, clock, sync }: SyncHandlerDeps): Pick<Handlers, SyncCall> {
  return {
    'sync:status': () => sync.uploader.status(),
    'sync:now': async () => {
      // Through the scheduler: a failed manual round must set the next automatic try (the backoff), too.
      await sync.scheduler.runNow()
      return sync.uploader.status()
    },
    'sync:config': () => view(readUploadConfig(db)),
    'sync:configure': ({ config, clearToken }, { caller }) => {
      const actor = staffActor(caller)
      const stored = readUploadConfig(db)
      const next: UploadConfig = {
        ...config,
        // The token is write-only: reading the config never returns it, so "unchanged" arrives as null.
        enrollmentToken: clearToken ? null : (config.enrollmentToken ?? stored.enrollmentToken),
      }
      db.transaction(() => {
        putSetting(db, 'upload', next)
        // New settings deserve a fresh try: IT may just have fixed what the collector refused.
        updateUploadState(db, (s) => ({
          ...s,
          failures: 0,
          nextAttemptAt: null,
          credentialsRejected: false,
          requestRejected: false,
          disputes: { ...s.disputes, failures: 0, nextAttemptAt: null },
        }))
        appendAudit(db, clock.now(), actor, { action: 'sync.configure', detail: view(next) }) // never the token
      }).immediate()
      sync.scheduler.kick()
      return view(next)
    },
    'sync:deadLetters': ({ limit }) => {
      return deadLetters(db, limit).map(({ link: _link, ...letter }) => letter)
    },
    'sync:requeueDead': ({ uuids }, { caller }) => {
      const actor = staffActor(caller)
      const requeued = db.transaction(() => {
        const n = requeueDead(db, uuids)
        updateUploadState(db, (s) => ({ ...s, failures: 0, nextAttemptAt: null, requestRejected: false }))
        appendAudit(db, clock.now(), actor, {
          action: 'sync.requeueDead',
          detail: { requeued: n, uuids: uuids ?? 'all' },
        })
        return n
      }).immediate()
      sync.scheduler.kick()
      return { requeued }
    },
    'sync:test': async (_input, { caller }) => {
      const actor = staffActor(caller)
      const result = await sync.uploader.testConnection()
      appendAudit(db, clock.now(), actor, { action: 'sync.test', detail: { outcome: result.outcome, code: result.code } })
      return result
    },
  }
}
