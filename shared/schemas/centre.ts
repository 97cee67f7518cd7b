import { z } from 'zod'
import { EpochMsSchema, IdSchema, LanguageSchema, LocalizedTextSchema, MediaPathSchema, line } from './common'
import { DeviceRoleSchema } from './devices'

export const CentreSchema = z.strictObject({
  name: LocalizedTextSchema,
  address: line(300),
})
export type Centre = z.infer<typeof CentreSchema>

export const KioskModeSchema = z.enum(['counter', 'lobby'])
export type KioskMode = z.infer<typeof KioskModeSchema>

/** What the kiosk's screens do: lock-down, full screen, and a board on a second display. */
export const KioskDisplaySchema = z.strictObject({
  /** Electron kiosk mode: full screen, no window chrome, no way out without IT. */
  kiosk: z.boolean(),
  fullscreen: z.boolean(),
  /** Open the queue board full-screen on a second display (a TV on the PC's other output) when one is connected. */
  boardOnSecondDisplay: z.boolean(),
})
export type KioskDisplay = z.infer<typeof KioskDisplaySchema>

/**
 * A kiosk in counter mode is bound to one counter. The stored settings name it by id and the configuration file by
 * number, so the rule takes the key; sharing it keeps the two from drifting apart. Each schema keeps its own message
 * (the settings form translates a fixed English key, the imported file shows Vietnamese text as it is).
 */
export function counterModeNeedsCounter<K extends string>(key: K, message: string, params?: Record<string, unknown>) {
  return (k: { mode: KioskMode } & Record<K, number | null>, ctx: z.core.$RefinementCtx): void => {
    if (k.mode === 'counter' && k[key] === null) ctx.addIssue({ code: 'custom', path: [key], message, params })
  }
}

/** How this kiosk behaves; stored in the settings table and validated again on every read. */
export const KioskSettingsSchema = z
  .strictObject({
    mode: KioskModeSchema,
    /** The counter a kiosk in counter mode is bound to. */
    counterId: IdSchema.nullable(),
    language: LanguageSchema,
    idle: z.strictObject({
      /** Seconds without a touch before a citizen screen returns home. */
      citizenSeconds: z.number().int().min(10).max(600),
      /** Seconds without a touch before a staff session ends. */
      staffSeconds: z.number().int().min(30).max(900),
    }),
    display: KioskDisplaySchema,
  })
  .superRefine(counterModeNeedsCounter('counterId', 'a kiosk in counter mode needs a counter'))
export type KioskSettings = z.infer<typeof KioskSettingsSchema>

export const ServiceFieldSchema = z.strictObject({
  id: IdSchema,
  /** Ticket prefix, one capital letter (A0123). */
  prefix: z.string().max(1).regex(/^[A-Z]$/, 'one capital letter'),
  name: LocalizedTextSchema,
  active: z.boolean(),
})
export type ServiceField = z.infer<typeof ServiceFieldSchema>

export const OfficerViewSchema = z.strictObject({
  id: IdSchema,
  fullName: line(100, 1),
  title: LocalizedTextSchema,
  photoUrl: MediaPathSchema.nullable(),
})
export type OfficerView = z.infer<typeof OfficerViewSchema>

export const CounterViewSchema = z.strictObject({
  id: IdSchema,
  number: z.number().int().min(1).max(999),
  name: LocalizedTextSchema,
  fieldIds: z.array(IdSchema).max(50),
  active: z.boolean(),
  /** The officer assigned to this counter right now, if any. */
  officer: OfficerViewSchema.nullable(),
})
export type CounterView = z.infer<typeof CounterViewSchema>

/**
 * The paired PC an overview was made for, so its screens follow its role (a board shows the board, a console its
 * counter's controls). The hub fills it from the device it authenticated — never from anything the client says.
 */
export const OverviewDeviceSchema = z.strictObject({
  role: DeviceRoleSchema,
  counterId: IdSchema.nullable(),
})
export type OverviewDevice = z.infer<typeof OverviewDeviceSchema>

/** Everything the citizen home screen needs, in one answer. */
export const CentreOverviewSchema = z.strictObject({
  centre: CentreSchema,
  /** For a paired device, the hub's settings bent to its role (a counter screen is in counter mode at its counter). */
  kiosk: KioskSettingsSchema,
  /** Null on the hub's own windows and on a single kiosk. */
  device: OverviewDeviceSchema.nullable(),
  fields: z.array(ServiceFieldSchema).max(50),
  counters: z.array(CounterViewSchema).max(200),
  generatedAt: EpochMsSchema,
})
export type CentreOverview = z.infer<typeof CentreOverviewSchema>
