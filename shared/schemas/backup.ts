import { z } from 'zod'
import { EpochMsSchema, textSchema } from './common'

export const BackupKindSchema = z.enum(['hourly', 'daily', 'manual', 'pre-restore'])

/** A backup file in `<dataDir>/backups`, named kiosk-<kind>-<YYYYMMDD-HHMMSS>.db (UTC). */
export const BackupNameSchema = z
  .string()
  .max(60)
  .regex(/^kiosk-(hourly|daily|manual|pre-restore)-\d{8}-\d{6}(-\d+)?\.db$/, 'not a backup name')

export const BackupInfoSchema = z.strictObject({
  name: BackupNameSchema,
  kind: BackupKindSchema,
  at: EpochMsSchema,
  bytes: z.number().int().nonnegative(),
})
export type BackupInfo = z.infer<typeof BackupInfoSchema>

export const BackupNowInputSchema = z.strictObject({
  /**
   * An absolute path of an existing folder (a USB stick, a network share); null: the kiosk's backups folder. Not
   * normalised: a folder whose name is stored decomposed on disk must be found by the code points typed.
   */
  folder: textSchema({ max: 500, trim: true, normalize: false }).nullable(),
})

export const RestoreInputSchema = z.strictObject({
  name: BackupNameSchema,
  /** The screen asks "are you sure"; core refuses without it. */
  confirm: z.literal(true),
})
