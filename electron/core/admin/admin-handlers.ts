import { z } from 'zod'
import type { AppInfo } from '../../../shared/schemas/system'
import type { BackupService } from '../backup/backup-service'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'

type AdminCall = 'admin:health'

export interface AdminHandlerDeps {
  db: Db
  clock: Clock
  info: AppInfo
  deviceId: string
  backup: BackupService
}

const count = (db: Db, sql: string) => z.number().int().nonnegative().parse(db.prepare(sql).pluck().get())

export function createAdminHandlers({ db, clock, info, deviceId, backup }: AdminHandlerDeps): Pick<Handlers, AdminCall> {
  // Handlers are made right after the database was opened, and opening it ran quick_check.
  const checkedAt = clock.now()
  return {
    'admin:health': () => {
      return {
        appVersion: info.version,
        schemaVersion: info.schemaVersion,
        deviceId,
        dbBytes: count(db, 'SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()'),
        lastIntegrityCheckAt: checkedAt,
        lastBackupAt: backup.lastBackupAt(),
        openDisputes: count(db, "SELECT count(*) FROM disputes WHERE status = 'open'"),
      }
    },
  }
}
