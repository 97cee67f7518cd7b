import { DayRangeSchema, DisputeInputSchema, DisputeViewSchema, MyRatingsSchema, ResolveDisputeInputSchema } from '../schemas/staff'
import { z } from 'zod'
import { itOnly, officerOnly } from './access'
import { call } from './call'

export const staffCalls = {
  /** The logged-in officer's own ratings over a range of days (officer session required). */
  'staff:myRatings': call(z.strictObject({ range: DayRangeSchema }), MyRatingsSchema, officerOnly),
  /** The officer flags one of their own ratings as unfair (once per rating); the rating itself is never changed. */
  'staff:dispute': call(DisputeInputSchema, DisputeViewSchema, officerOnly),
  /** Admin: disputes, open ones first. */
  'disputes:list': call(z.strictObject({ status: z.enum(['open', 'all']) }), z.array(DisputeViewSchema).max(500), itOnly),
  /** Admin: records the outcome (upheld / rejected) with a note. */
  'disputes:resolve': call(ResolveDisputeInputSchema, DisputeViewSchema, itOnly),
}
