import { z } from 'zod'
import { CentreSchema, counterModeNeedsCounter, KioskDisplaySchema, KioskModeSchema } from './centre'
import { EpochMsSchema, LanguageSchema, LocalizedTextSchema, line } from './common'
import { QueueSettingsSchema } from './queue'
import { RatingFormSchema } from './rating'

const Prefix = z.string().max(1).regex(/^[A-Z]$/, 'one capital letter')
const CounterNumber = z.number().int().min(1).max(999)

/**
 * Marks an issue whose message is already Vietnamese text for the person importing the file, so the admin screen
 * shows it as it is instead of a generic "invalid" (see renderer validation.ts).
 */
export const SHOWN_AS_IS = { shownAsIs: true } as const

/**
 * Import matches fields, counters and officers by letter, number and name; two entries with the same one would be
 * merged silently (the last wins). Each repeat is flagged at its own path, naming the value, so it can be fixed.
 */
function refuseRepeats<T>(
  ctx: z.core.$RefinementCtx,
  list: 'fields' | 'counters' | 'officers',
  items: readonly T[],
  key: keyof T & string,
  what: (value: T[keyof T]) => string,
): void {
  const seen = new Set<T[keyof T]>()
  items.forEach((item, i) => {
    const value = item[key]
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [list, i, key], message: `${what(value)} bị trùng trong tệp`, params: SHOWN_AS_IS })
    seen.add(value)
  })
}

/**
 * A kiosk's configuration as a JSON file, to set up the next kiosk of a centre in minutes. Counters, fields and
 * officers are named by what people see (number, letter, name), never by database ids, which differ per kiosk.
 */
export const ConfigFileSchema = z
  .strictObject({
    format: z.literal('kiosk-mot-cua-config'),
    version: z.literal(1),
    exportedAt: EpochMsSchema,
    centre: CentreSchema,
    kiosk: z
      .strictObject({
        mode: KioskModeSchema,
        counterNumber: CounterNumber.nullable(),
        language: LanguageSchema,
        idle: z.strictObject({
          citizenSeconds: z.number().int().min(10).max(600),
          staffSeconds: z.number().int().min(30).max(900),
        }),
        display: KioskDisplaySchema,
      })
      // Without it the file passes and the import fails later, on the stored settings, with no field to point at.
      .superRefine(counterModeNeedsCounter('counterNumber', 'Kiosk ở chế độ tại quầy cần số quầy', SHOWN_AS_IS)),
    ratingForm: RatingFormSchema,
    anonymousCounterNumbers: z.array(CounterNumber).max(200),
    queue: QueueSettingsSchema,
    fields: z
      .array(z.strictObject({ prefix: Prefix, name: LocalizedTextSchema, sortOrder: z.number().int().min(0).max(999), active: z.boolean() }))
      .max(50),
    counters: z
      .array(
        z.strictObject({
          number: CounterNumber,
          name: LocalizedTextSchema,
          fieldPrefixes: z.array(Prefix).min(1).max(50),
          active: z.boolean(),
        }),
      )
      .max(200),
    officers: z.array(z.strictObject({ fullName: line(100, 1), title: LocalizedTextSchema, active: z.boolean() })).max(500),
  })
  .superRefine((file, ctx) => {
    refuseRepeats(ctx, 'fields', file.fields, 'prefix', (p) => `Chữ cái lĩnh vực "${String(p)}"`)
    refuseRepeats(ctx, 'counters', file.counters, 'number', (n) => `Số quầy ${String(n)}`)
    refuseRepeats(ctx, 'officers', file.officers, 'fullName', (name) => `Cán bộ "${String(name)}"`)
  })
export type ConfigFile = z.infer<typeof ConfigFileSchema>
