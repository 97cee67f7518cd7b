import { staffActor } from '../access'
import { appendAudit } from '../audit/audit-repo'
import type { AuthService } from '../auth/auth-service'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { listBackups } from './backup-files'
import type { BackupService } from './backup-service'

type BackupCall = 'backup:list' | 'backup:now' | 'backup:restore'

export function createBackupHandlers({
  db,
  clock,
  auth,
  backup,
}: {
  db: Db
  clock: Clock
  auth: AuthService
  backup: BackupService
}): Pick<Handlers, BackupCall> {
  return {
    'backup:list': () => {
      return listBackups(backup.dir).slice(0, 200)
    },
    'backup:now': async ({ folder }, { caller }) => {
      const actor = staffActor(caller)
      const file = await backup.backup('manual', folder ?? undefined)
      appendAudit(db, clock.now(), actor, { action: 'backup.now', detail: { file } })
      return { file }
    },
    'backup:restore': async ({ name }, { caller }) => {
      const actor = staffActor(caller)
      appendAudit(db, clock.now(), actor, { action: 'backup.restore_started', target: name })
      const safetyCopy = await backup.restore(name)
      // Written into the restored database, so its own log says where it came from.
      appendAudit(db, clock.now(), actor, { action: 'backup.restore', target: name, detail: { safetyCopy } })
      // The restored accounts may differ from the ones in memory: everyone, on every window, logs in again.
      auth.logoutAll()
      return { restored: true as const, safetyCopy }
    },
  }
}
