import { z } from 'zod'
import {
  AdminConfigSchema,
  AssignmentSchema,
  CounterInputSchema,
  FieldInputSchema,
  HealthSchema,
  OfficerAdminSchema,
  OfficerInputSchema,
  QueueOptionsInputSchema,
} from '../schemas/admin'
import { CentreSchema, KioskSettingsSchema } from '../schemas/centre'
import { ConfigFileSchema } from '../schemas/config-file'
import { IdSchema } from '../schemas/common'
import { RatingFormSchema } from '../schemas/rating'
import { itOnly } from './access'
import { NoInputSchema, call } from './call'

const Saved = z.strictObject({ id: IdSchema })
const Done = z.strictObject({ saved: z.literal(true) })

/**
 * Admin calls: each needs an admin session in core, writes in one transaction (all or nothing) and leaves an
 * audit entry. A uniqueness clash answers CONFLICT with the offending field's name as the message.
 */
export const adminCalls = {
  /** App version, database size, last integrity check and backup. */
  'admin:health': call(NoInputSchema, HealthSchema, itOnly),
  'admin:config': call(NoInputSchema, AdminConfigSchema, itOnly),
  'admin:saveCentre': call(z.strictObject({ centre: CentreSchema }), Done, itOnly),
  'admin:saveKiosk': call(z.strictObject({ kiosk: KioskSettingsSchema }), Done, itOnly),
  'admin:saveRatingForm': call(z.strictObject({ form: RatingFormSchema }), Done, itOnly),
  /** Printer, voice and priority groups; the rest of the queue settings stays as it is. Pushes `queue:options`. */
  'admin:saveQueueOptions': call(z.strictObject({ queue: QueueOptionsInputSchema }), Done, itOnly),
  'admin:saveField': call(FieldInputSchema, Saved, itOnly),
  'admin:saveCounter': call(CounterInputSchema, Saved, itOnly),
  'admin:saveOfficer': call(OfficerInputSchema, OfficerAdminSchema, itOnly),
  /** The default form for a scale (labels vi/en, SIPAS reasons), as a starting point when IT switches scale. */
  'admin:ratingFormDefaults': call(
    z.strictObject({ scale: z.union([z.literal(3), z.literal(4), z.literal(5)]) }),
    RatingFormSchema,
    itOnly,
  ),
  /** The configuration as a JSON document (no photos, PINs or secrets), to set up another kiosk. */
  'admin:exportConfig': call(NoInputSchema, ConfigFileSchema, itOnly),
  /** Applies a configuration file all or nothing: adds and updates, never deletes. */
  'admin:importConfig': call(z.strictObject({ config: ConfigFileSchema }), Done, itOnly),
  /** Puts an officer at a counter from now on (null: nobody), closing what the counter and officer had. */
  'admin:assign': call(
    z.strictObject({ counterId: IdSchema, officerId: IdSchema.nullable() }),
    z.array(AssignmentSchema).max(200),
    itOnly,
  ),
}
