import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { getSetting, hasSetting, putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { forgetGenesisKey, hasGenesisKey } from '../ratings/chain-repo'
import { readUploadState, updateUploadState } from '../upload/state-repo'

/**
 * Removing key_1 (the chain's genesis key) from database files other than the live one.
 *
 * Enrollment deletes key_1 from the live database, but a backup taken before enrollment still holds it, and
 * anyone with such a file could re-chain edited ratings. Deleting the row is not enough: SQLite leaves deleted
 * cell bytes in the page (and whole pages on the free list), so the row goes with `secure_delete` on and the
 * file is then rebuilt by VACUUM, which writes no free pages at all.
 */

/** Deletes the genesis row (if any) with secure_delete, then rebuilds the file. Throws when the file cannot be. */
export function scrubGenesisFile(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    scrubGenesisRow(db)
    // VACUUM even when no row was left: a file copied from a database whose row was deleted without
    // secure_delete (older versions did that) keeps the key in free space.
    db.exec('VACUUM')
    // In WAL mode the rebuilt pages sit in the -wal file until a checkpoint; TRUNCATE also empties that file, so
    // the old pages are overwritten in the database file before it is closed.
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/** Deletes the genesis row in `db` with secure_delete (its bytes are zeroed, not left in the page). */
export function scrubGenesisRow(db: Db): boolean {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_genesis'").get()
  return hasTable !== undefined && forgetGenesisKey(db)
}

const DetailSchema = z.looseObject({ file: z.string() })

/**
 * The backup files written outside the backups folder by "backup now" (a USB stick, a share), as the audit log
 * names them: the kiosk can only clean those that are still reachable, and must say which it could not.
 */
export function externalBackupFiles(db: Db, backupsDir: string): string[] {
  const details = db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.now'").pluck().all()
  const files = new Set<string>()
  for (const detail of details) {
    if (typeof detail !== 'string') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(detail)
    } catch {
      continue
    }
    const entry = DetailSchema.safeParse(parsed)
    if (entry.success && path.dirname(entry.data.file) !== backupsDir) files.add(entry.data.file)
  }
  return [...files]
}

/** Whether `file` exists and is a regular file (a USB stick that is not plugged in answers false). */
export function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
}

/**
 * Before a backup is restored into an enrolled kiosk: the staging copy must not bring key_1 back, nor undo the
 * enrollment (a restored "not enrolled" state with its spent token would try to enroll again and stop at
 * CHAIN_KEY_GONE, since key_1 is gone). Enrolled means: the live upload state names a collector, or the live
 * database has no genesis row left. Returns whether the kiosk is enrolled, so the caller checks the live file too.
 */
export function keepEnrollment(staging: Db, live: Db): boolean {
  const enrolledAt = readUploadState(live).enrolledAt
  if (enrolledAt === null && hasGenesisKey(live)) return false
  staging.transaction(() => {
    scrubGenesisRow(staging)
    if (enrolledAt !== null) {
      updateUploadState(staging, (s) => ({ ...s, enrolledAt }))
      if (hasSetting(staging, 'upload')) putSetting(staging, 'upload', { ...getSetting(staging, 'upload'), enrollmentToken: null })
    }
  }).immediate()
  staging.exec('VACUUM') // the staging file is what gets copied into the live one: no key bytes in its free space
  return true
}
