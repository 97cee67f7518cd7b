import { z } from 'zod'
import { CentreSchema, CounterViewSchema, KioskSettingsSchema, ServiceFieldSchema } from './centre'
import { EpochMsSchema, IdSchema, LocalizedTextSchema, MediaPathSchema, line } from './common'
import { QueueSettingsSchema } from './queue'
import { RatingFormSchema } from './rating'

/** The "Sync & health" page, apart from the upload status (`sync:status`), which it shows alongside. */
export const HealthSchema = z.strictObject({
  appVersion: line(50),
  schemaVersion: z.number().int().nonnegative(),
  deviceId: z.uuid(),
  dbBytes: z.number().int().nonnegative(),
  /** Every start runs `quick_check` before anything else; this is when the running app did it. */
  lastIntegrityCheckAt: EpochMsSchema,
  lastBackupAt: EpochMsSchema.nullable(),
  openDisputes: z.number().int().nonnegative(),
})
export type Health = z.infer<typeof HealthSchema>

/** A service field as IT edits it; `id` null creates one. */
export const FieldInputSchema = z.strictObject({
  id: IdSchema.nullable(),
  prefix: z.string().max(1).regex(/^[A-Z]$/, 'one capital letter'),
  name: LocalizedTextSchema,
  sortOrder: z.number().int().min(0).max(999),
  active: z.boolean(),
})
export type FieldInput = z.infer<typeof FieldInputSchema>

export const CounterInputSchema = z.strictObject({
  id: IdSchema.nullable(),
  number: z.number().int().min(1).max(999),
  name: LocalizedTextSchema,
  fieldIds: z.array(IdSchema).min(1).max(50),
  active: z.boolean(),
})
export type CounterInput = z.infer<typeof CounterInputSchema>

/**
 * A photo as the admin screen sends it: already resized in the renderer (a canvas, at most 600 px), JPEG or PNG,
 * base64 without the `data:` prefix. Core checks the bytes again before writing `<dataDir>/photos/…`.
 */
export const PhotoUploadSchema = z.strictObject({
  type: z.enum(['image/jpeg', 'image/png']),
  base64: z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
})

export const OfficerInputSchema = z.strictObject({
  id: IdSchema.nullable(),
  fullName: line(100, 1),
  title: LocalizedTextSchema,
  active: z.boolean(),
  /** keep the current photo, remove it, or replace it. */
  photo: z.union([z.literal('keep'), z.literal('remove'), PhotoUploadSchema]),
})
export type OfficerInput = z.infer<typeof OfficerInputSchema>

export const OfficerAdminSchema = z.strictObject({
  id: IdSchema,
  fullName: line(100, 1),
  title: LocalizedTextSchema,
  photoUrl: MediaPathSchema.nullable(),
  active: z.boolean(),
  counterNumber: z.number().int().min(1).max(999).nullable(),
  hasPin: z.boolean(),
})
export type OfficerAdmin = z.infer<typeof OfficerAdminSchema>

export const AssignmentSchema = z.strictObject({
  id: IdSchema,
  officerId: IdSchema,
  officerName: line(100, 1),
  counterId: IdSchema,
  counterNumber: z.number().int().min(1).max(999),
  startsAt: EpochMsSchema,
  endsAt: EpochMsSchema.nullable(),
})
export type Assignment = z.infer<typeof AssignmentSchema>

/**
 * The part of the queue settings IT edits on the "printer, voice and priority groups" page. The source, its
 * address, the reset hour and the time zone are left out: they change how numbers are issued and are set once,
 * with the configuration file. A group's key is stored on tickets, so two groups may not share one.
 */
export const QueueOptionsInputSchema = z
  .strictObject({
    printer: QueueSettingsSchema.shape.printer,
    voice: QueueSettingsSchema.shape.voice,
    priorityGroups: QueueSettingsSchema.shape.priorityGroups,
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>()
    q.priorityGroups.forEach((g, i) => {
      if (seen.has(g.key)) ctx.addIssue({ code: 'custom', path: ['priorityGroups', i, 'key'], message: 'duplicate key' })
      seen.add(g.key)
    })
  })
export type QueueOptionsInput = z.infer<typeof QueueOptionsInputSchema>

/** Everything the configuration pages edit, in one answer. */
export const AdminConfigSchema = z.strictObject({
  centre: CentreSchema,
  kiosk: KioskSettingsSchema,
  ratingForm: RatingFormSchema,
  fields: z.array(ServiceFieldSchema).max(50),
  counters: z.array(CounterViewSchema).max(200),
  officers: z.array(OfficerAdminSchema).max(500),
  assignments: z.array(AssignmentSchema).max(200),
  queue: QueueOptionsInputSchema,
})
export type AdminConfig = z.infer<typeof AdminConfigSchema>
