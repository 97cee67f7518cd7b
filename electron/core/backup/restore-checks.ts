import { enabledAdminCount } from '../auth/account-repo'
import { getSetting, hasSetting } from '../config/config-repo'
import type { Clock } from '../clock'
import { openDatabase, type Db } from '../db/open'
import { keepEnrollment } from './genesis-scrub'

/**
 * Why a (checked, migrated) backup must not replace the live database, in Vietnamese for IT, or null when it may.
 *
 * - No enabled admin account: after the restore nobody could log in as IT, and "no admin" is what opens
 *   first-time setup — restoring an early backup would let anyone at the kiosk create an admin.
 * - Another device id: the backup is another kiosk's (or a different install's); its upload chain and the
 *   collector's record of this device would no longer match.
 */
export function restoreRefusal(backup: Db, live: Db): string | null {
  if (enabledAdminCount(backup) === 0) {
    return 'Bản sao lưu không có tài khoản quản trị nào đang hoạt động, nên không thể khôi phục (sẽ mở lại bước cài đặt ban đầu).'
  }
  const backupId = hasSetting(backup, 'device') ? getSetting(backup, 'device').deviceId : null
  const liveId = hasSetting(live, 'device') ? getSetting(live, 'device').deviceId : null
  if (backupId !== liveId) {
    return 'Bản sao lưu thuộc về một thiết bị khác (mã thiết bị không khớp), nên không thể khôi phục trên máy này.'
  }
  return null
}

export interface RestoreCheck {
  /** The copy opened, passed its check, and holds a set-up kiosk. */
  usable: boolean
  /** Why it must not replace the live database (see restoreRefusal), or null. */
  refusal: string | null
  /** The kiosk is enrolled: the copy was cleaned of key_1 (and the live file must be checked after the restore). */
  enrolled: boolean
}

/**
 * Checks the staging copy of a backup (quick_check, refuses a newer schema, migrates an older one) and, when it
 * may be restored, carries this kiosk's enrollment into it. It runs in a worker thread (the migration and VACUUM
 * take seconds on a big file); `live` is that thread's read-only connection to the live database.
 */
export function checkRestoreCopy(staging: string, live: Db, clock: Clock): RestoreCheck {
  const opened = openDatabase(staging, clock)
  try {
    const usable = opened.recovered === null && !opened.created && hasSetting(opened.db, 'centre')
    // Checked before anything is carried over: a refused backup changes nothing.
    const refusal = usable ? restoreRefusal(opened.db, live) : null
    const enrolled = usable && refusal === null ? keepEnrollment(opened.db, live) : false
    return { usable, refusal, enrolled }
  } finally {
    opened.db.close()
  }
}
