import { enabledAdminCount } from '../auth/account-repo'
import { getSetting, hasSetting } from '../config/config-repo'
import type { Db } from '../db/open'

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
