import { z } from 'zod'
import { BackupInfoSchema, BackupNowInputSchema, RestoreInputSchema } from '../schemas/backup'
import { itOnly } from './access'
import { NoInputSchema, call } from './call'

/** Backups (admin session required, audit-logged). */
export const backupCalls = {
  'backup:list': call(NoInputSchema, z.array(BackupInfoSchema).max(200), itOnly),
  /** An online backup now (better-sqlite3 `.backup()`, safe while the kiosk works); answers the file written. */
  'backup:now': call(BackupNowInputSchema, z.strictObject({ file: z.string().max(600) }), itOnly),
  /**
   * Replaces the database with a backup after checking it (integrity, schema, content); the current database is
   * backed up first (kind pre-restore). The session ends: log in again on the restored accounts.
   */
  'backup:restore': call(
    RestoreInputSchema,
    z.strictObject({ restored: z.literal(true), safetyCopy: z.string().max(100) }),
    itOnly,
  ),
}
