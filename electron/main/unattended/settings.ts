import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { ShellLogger } from '../log'

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
const DaySchema = z.strictObject({ open: HhMm, close: HhMm }).nullable()

/**
 * How this PC runs without anyone at it. Kept by the shell in `<userData>/unattended.json` (IT edits it once, at
 * set-up; README "For IT"), not in the centre's database: it is about this PC (its display, its restarts, its key
 * store), read before the database opens.
 */
export const UnattendedSettingsSchema = z.strictObject({
  /** Opening hours per weekday, Sunday first; null = closed. The display is kept awake only inside them. */
  hours: z.array(DaySchema).length(7),
  /** The centre's offset from UTC in minutes: Vietnam is UTC+7 all year (no daylight saving). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Restart the app once a night at this local time (outside opening hours), or never when null. */
  nightlyRestart: HhMm.nullable(),
  /** Start the app when the kiosk user logs in. */
  startAtLogin: z.boolean(),
  /**
   * Where the device key and PIN pepper are kept: the OS keychain (DPAPI, Secret Service/KWallet), or — chosen
   * explicitly by IT on a Linux kiosk without a secret service — owner-only key files.
   */
  secretStore: z.enum(['keychain', 'keyfile']),
  /** The key file of the `keyfile` store, an absolute path; null = `secret-store.key` in the user data folder. */
  keyFile: z.string().max(4096).refine((p) => path.isAbsolute(p), 'an absolute path').nullable(),
})
export type UnattendedSettings = z.infer<typeof UnattendedSettingsSchema>

/** Mon–Fri 07:00–17:00 and Saturday morning: the usual hours of a Bộ phận Một cửa. */
export const defaultUnattendedSettings: UnattendedSettings = {
  hours: [
    null,
    { open: '07:00', close: '17:00' },
    { open: '07:00', close: '17:00' },
    { open: '07:00', close: '17:00' },
    { open: '07:00', close: '17:00' },
    { open: '07:00', close: '17:00' },
    { open: '07:30', close: '11:30' },
  ],
  utcOffsetMinutes: 7 * 60,
  nightlyRestart: '03:00',
  startAtLogin: true,
  secretStore: 'keychain',
  keyFile: null,
}

/**
 * Reads the file; a missing file means the defaults. A file that is not valid JSON or breaks the schema is never
 * fatal to an unattended kiosk: it runs on the defaults and the log names the problem for IT. For `secretStore`
 * the defaults are safe too: the keychain store still moves, or refuses to replace, secrets kept under a key file
 * (secret-store/choice.ts), so a broken file never costs a secret.
 */
export function loadUnattendedSettings(file: string, log: ShellLogger): UnattendedSettings {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`cannot read ${file}: ${String(error)}`)
    return defaultUnattendedSettings
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    log.warn(`${file} is not JSON: using the default unattended settings`)
    return defaultUnattendedSettings
  }
  // Fields left out keep their defaults, so IT writes only what differs.
  const parsed = UnattendedSettingsSchema.safeParse(
    typeof json === 'object' && json !== null ? { ...defaultUnattendedSettings, ...json } : json,
  )
  if (!parsed.success) {
    log.warn(`${file} is invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`)
    return defaultUnattendedSettings
  }
  return parsed.data
}
