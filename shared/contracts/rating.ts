import { z } from 'zod'
import { line } from '../schemas/common'
import { RatableTicketSchema, RatingFormSchema, RatingReceiptSchema, RatingSubmitSchema } from '../schemas/rating'
import { anyone, citizenOnly } from './access'
import { NoInputSchema, call } from './call'

export const ratingCalls = {
  /** The form the citizen sees: levels, reasons, comment length. */
  'rating:form': call(NoInputSchema, RatingFormSchema, anyone),
  /** Lobby mode: find a served ticket by the number printed on it (A0123) or by its QR code. */
  'rating:lookup': call(z.strictObject({ query: line(64, 1) }), RatableTicketSchema, anyone),
  /** Counter mode: the ticket this kiosk's counter just completed, while its rating is open. */
  'rating:open': call(NoInputSchema, RatableTicketSchema.nullable(), anyone),
  'rating:submit': call(RatingSubmitSchema, RatingReceiptSchema, citizenOnly),
}

export const ratingEvents = {
  /** A ticket was completed at this kiosk's counter: open its rating. */
  'rating:requested': RatableTicketSchema,
}
