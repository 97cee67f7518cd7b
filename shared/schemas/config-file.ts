import { z } from 'zod'
import { CentreSchema, KioskDisplaySchema, KioskModeSchema } from './centre'
import { EpochMsSchema, LanguageSchema, LocalizedTextSchema, line } from './common'
import { QueueSettingsSchema } from './queue'
import { RatingFormSchema } from './rating'

const Prefix = z.string().max(1).regex(/^[A-Z]$/, 'one capital letter')
const CounterNumber = z.number().int().min(1).max(999)

/**
 * A kiosk's configuration as a JSON file, to set up the next kiosk of a centre in minutes. Counters, fields and
 * officers are named by what people see (number, letter, name), never by database ids, which differ per kiosk.
 */
export const ConfigFileSchema = z.strictObject({
  format: z.literal('kiosk-mot-cua-config'),
  version: z.literal(1),
  exportedAt: EpochMsSchema,
  centre: CentreSchema,
  kiosk: z.strictObject({
    mode: KioskModeSchema,
    counterNumber: CounterNumber.nullable(),
    language: LanguageSchema,
    idle: z.strictObject({
      citizenSeconds: z.number().int().min(10).max(600),
      staffSeconds: z.number().int().min(30).max(900),
    }),
    display: KioskDisplaySchema,
  }),
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
export type ConfigFile = z.infer<typeof ConfigFileSchema>
