import { z } from 'zod'
import {
  AdminConfigSchema,
  AssignmentSchema,
  CounterInputSchema,
  FieldInputSchema,
  HealthSchema,
  OfficerAdminSchema,
  OfficerInputSchema,
} from '../schemas/admin'
import { CentreSchema, KioskSettingsSchema } from '../schemas/centre'
import { IdSchema } from '../schemas/common'
import { RatingFormSchema } from '../schemas/rating'
import { NoInputSchema, call } from './call'

const Saved = z.strictObject({ id: IdSchema })
const Done = z.strictObject({ saved: z.literal(true) })

/**
 * Admin calls: each needs an admin session in core, writes in one transaction (all or nothing) and leaves an
 * audit entry. A uniqueness clash answers CONFLICT with the offending field's name as the message.
 */
export const adminCalls = {
  /** App version, database size, last integrity check and backup. */
  'admin:health': call(NoInputSchema, HealthSchema),
  'admin:config': call(NoInputSchema, AdminConfigSchema),
  'admin:saveCentre': call(z.strictObject({ centre: CentreSchema }), Done),
  'admin:saveKiosk': call(z.strictObject({ kiosk: KioskSettingsSchema }), Done),
  'admin:saveRatingForm': call(z.strictObject({ form: RatingFormSchema }), Done),
  'admin:saveField': call(FieldInputSchema, Saved),
  'admin:saveCounter': call(CounterInputSchema, Saved),
  'admin:saveOfficer': call(OfficerInputSchema, OfficerAdminSchema),
  /** Puts an officer at a counter from now on (null: nobody), closing what the counter and officer had. */
  'admin:assign': call(
    z.strictObject({ counterId: IdSchema, officerId: IdSchema.nullable() }),
    z.array(AssignmentSchema).max(200),
  ),
}
