import type { UploadConfig, UploadConfigView } from '../../../shared/schemas/sync'
import { putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { deadLetters } from './outbox-repo'
import { updateUploadState } from './state-repo'
import type { SyncService } from './sync-service'
import { readUploadConfig } from './uploader'

type SyncCall = 'sync:status' | 'sync:now' | 'sync:config' | 'sync:configure' | 'sync:deadLetters'

function view(config: UploadConfig): UploadConfigView {
  const { enrollmentToken, ...rest } = config
  return { ...rest, hasEnrollmentToken: enrollmentToken !== null }
}

export function createSyncHandlers(db: Db, sync: SyncService): Pick<Handlers, SyncCall> {
  return {
    'sync:status': () => sync.uploader.status(),
    'sync:now': async () => {
      await sync.uploader.flush('manual')
      return sync.uploader.status()
    },
    'sync:config': () => view(readUploadConfig(db)),
    'sync:configure': ({ config, clearToken }) => {
      const stored = readUploadConfig(db)
      const next: UploadConfig = {
        ...config,
        // The token is write-only: reading the config never returns it, so "unchanged" arrives as null.
        enrollmentToken: clearToken ? null : (config.enrollmentToken ?? stored.enrollmentToken),
      }
      db.transaction(() => {
        putSetting(db, 'upload', next)
        // New settings deserve a fresh try: IT may just have fixed what the collector refused.
        updateUploadState(db, (s) => ({ ...s, failures: 0, nextAttemptAt: null, credentialsRejected: false }))
      }).immediate()
      sync.scheduler.kick()
      return view(next)
    },
    'sync:deadLetters': ({ limit }) => deadLetters(db, limit).map(({ link: _link, ...letter }) => letter),
  }
}
