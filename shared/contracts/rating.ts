import { z } from 'zod'
import { line } from '../schemas/common'
import {
  CounterRatingOfferSchema,
  RatingFormSchema,
  RatingReceiptSchema,
  RatingSubmitSchema,
  RatingWithdrawnSchema,
  RatableTicketSchema,
  RecentTicketsSchema,
} from '../schemas/rating'
import { anyone, citizenOnly, onDevices } from './access'
import { NoInputSchema, call } from './call'

export const ratingCalls = {
  /** The form the citizen sees: levels, reasons, comment length. */
  'rating:form': call(NoInputSchema, RatingFormSchema, anyone),
  /** Lobby mode: find a served ticket by the number printed on it (A0123) or by its QR code. */
  'rating:lookup': call(z.strictObject({ query: line(64, 1) }), RatableTicketSchema, onDevices(anyone, ['lobby'])),
  /**
   * Lobby mode: the tickets completed in the last minutes and not rated yet, as tiles ("Số của quý khách").
   * Citizen screens only (an officer has no use for it), and on the centre network only lobby kiosks.
   */
  'rating:recent': call(NoInputSchema, RecentTicketsSchema, onDevices(citizenOnly, ['lobby'])),
  /** Counter mode: the rating this kiosk's counter offers now (see rating-offers in core), or null. */
  'rating:open': call(NoInputSchema, CounterRatingOfferSchema.nullable(), onDevices(anyone, ['counter-screen'])),
  'rating:submit': call(RatingSubmitSchema, RatingReceiptSchema, citizenOnly),
  /**
   * Counter mode: the citizen cancelled ("Hủy") or walked away; the offer of that ticket ends and never reopens.
   * It only ends the offer, it never rates. `dismissed` is false when there was no open offer of that ticket.
   * Citizens only, like the rating itself: an officer must not wave away the rating of their own service.
   */
  'rating:dismiss': call(z.strictObject({ ticketUid: line(64, 1) }), z.strictObject({ dismissed: z.boolean() }), onDevices(citizenOnly, ['counter-screen'])),
}

export const ratingEvents = {
  /** A ticket was completed at this kiosk's counter: open its rating. */
  'rating:requested': CounterRatingOfferSchema,
  /** A counter's offer ended (answered, dismissed, superseded): a screen showing it closes at once. */
  'rating:withdrawn': RatingWithdrawnSchema,
}
