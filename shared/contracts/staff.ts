import { DayRangeSchema, MyRatingsSchema } from '../schemas/staff'
import { z } from 'zod'
import { call } from './call'

export const staffCalls = {
  /** The logged-in officer's own ratings over a range of days (officer session required). */
  'staff:myRatings': call(z.strictObject({ range: DayRangeSchema }), MyRatingsSchema),
}
