import { z } from 'zod'
import { EpochMsSchema, IdSchema, LanguageSchema, LocalizedTextSchema, line, text, verbatim } from './common'
import { KioskModeSchema, OfficerViewSchema } from './centre'

const KeySchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case key')

export const RatingLevelSchema = z.strictObject({
  key: KeySchema,
  /** 1 = least satisfied … scale = most satisfied. */
  value: z.number().int().min(1).max(5),
  label: LocalizedTextSchema,
  /** Counts towards the satisfaction rate (Rất hài lòng + Hài lòng). */
  satisfied: z.boolean(),
  /** Asks for reasons after it is chosen. */
  negative: z.boolean(),
})
export type RatingLevel = z.infer<typeof RatingLevelSchema>

export const RatingReasonSchema = z.strictObject({ key: KeySchema, label: LocalizedTextSchema })
export type RatingReason = z.infer<typeof RatingReasonSchema>

/** The rating form as IT configures it. */
export const RatingFormSchema = z
  .strictObject({
    scale: z.union([z.literal(3), z.literal(4), z.literal(5)]),
    /** Most satisfied first, as shown on screen. */
    levels: z.array(RatingLevelSchema).min(3).max(5),
    reasons: z.array(RatingReasonSchema).min(1).max(12),
    commentMaxLength: z.number().int().min(0).max(1000),
    /** Counter mode: how long the rating stays open after the ticket is completed. */
    counterWindowSeconds: z.number().int().min(15).max(600),
    /** Lobby mode: how long after completion a ticket can still be rated by number or QR. */
    lobbyWindowMinutes: z.number().int().min(5).max(24 * 60),
    /** Counters whose citizens may rate without a ticket (lobby mode), and the minimum gap between such ratings. */
    anonymousCounterIds: z.array(IdSchema).max(200),
    anonymousIntervalSeconds: z.number().int().min(0).max(600),
  })
  .refine((f) => f.levels.length === f.scale, { message: 'one level per point of the scale', path: ['levels'] })
  .refine((f) => new Set(f.levels.map((l) => l.value)).size === f.scale, {
    message: 'level values must be distinct',
    path: ['levels'],
  })
export type RatingForm = z.infer<typeof RatingFormSchema>

/** What the renderer sends when the citizen finishes. The officer and counter come from the ticket, not from here. */
export const RatingSubmitSchema = z.strictObject({
  /** The served ticket (from the counter's open rating, or found by number / QR in the lobby). */
  ticketUid: line(64, 1).nullable(),
  /** Only for a rating without a ticket, at a counter that allows it. */
  counterId: IdSchema.nullable(),
  levelKey: KeySchema,
  reasons: z.array(KeySchema).max(12),
  comment: text(1000),
  language: LanguageSchema,
})
export type RatingSubmit = z.infer<typeof RatingSubmitSchema>

export const RatingReceiptSchema = z.strictObject({
  uuid: z.uuid(),
  seq: z.number().int().positive(),
  createdAt: EpochMsSchema,
})
export type RatingReceipt = z.infer<typeof RatingReceiptSchema>

/** A served ticket that can be rated, with the officer who served it. */
export const RatableTicketSchema = z.strictObject({
  ticketUid: line(64, 1),
  ticketCode: line(10, 1),
  counterId: IdSchema,
  counterNumber: z.number().int().min(1).max(999),
  officer: OfficerViewSchema,
  completedAt: EpochMsSchema,
  /** Until when it can be rated. */
  expiresAt: EpochMsSchema,
})
export type RatableTicket = z.infer<typeof RatableTicketSchema>

/**
 * Lobby mode: a ticket completed in the last minutes and not rated yet, offered as a large tile so the citizen taps
 * their own number instead of typing it. Only what is printed on the ticket and painted above the counter: no
 * officer, no uid, nothing about the citizen. Tapping it looks the code up exactly as the number pad would.
 */
export const RecentTicketSchema = z.strictObject({
  ticketCode: line(10, 1),
  counterNumber: z.number().int().min(1).max(999),
  completedAt: EpochMsSchema,
})
export type RecentTicket = z.infer<typeof RecentTicketSchema>

/** At most this many tiles: a 1280×800 screen shows them all at touch size beside the pad. */
export const RECENT_TICKETS_MAX = 12

export const RecentTicketsSchema = z.strictObject({
  tickets: z.array(RecentTicketSchema).max(RECENT_TICKETS_MAX),
})
export type RecentTickets = z.infer<typeof RecentTicketsSchema>

/**
 * Counter mode: the rating a counter's screen offers now. `remainingMs` is the rest of the rating window by core's
 * clock, so the screen closes at the window's end by its own timer even when its clock differs from core's.
 */
export const CounterRatingOfferSchema = RatableTicketSchema.extend({
  remainingMs: z.number().int().min(0).max(600_000),
})
export type CounterRatingOffer = z.infer<typeof CounterRatingOfferSchema>

/** A counter's offer ended: answered, cancelled by the citizen, or the officer moved on to another ticket. */
export const RatingWithdrawnSchema = z.strictObject({
  counterId: IdSchema,
  ticketUid: line(64, 1),
  reason: z.enum(['answered', 'dismissed', 'superseded']),
})
export type RatingWithdrawn = z.infer<typeof RatingWithdrawnSchema>

/**
 * A rating as it leaves the device: the collector's view. `canonical` JSON of everything but `link` is what the
 * chain signs (see the protocol document). Its texts are `verbatim`: parsing must never change what was chained.
 */
export const RatingRecordSchema = z.strictObject({
  uuid: z.uuid(),
  seq: z.number().int().positive(),
  deviceId: z.uuid(),
  ticketCode: verbatim(10).nullable(),
  counterNumber: z.number().int().min(1).max(999),
  officerId: IdSchema,
  officerName: verbatim(100, 1),
  fieldPrefix: z.string().max(1).nullable(),
  level: z.number().int().min(1).max(5),
  levelKey: KeySchema,
  levelLabel: verbatim(200, 1),
  scale: z.number().int().min(3).max(5),
  reasons: z.array(KeySchema).max(12),
  comment: verbatim(1000),
  language: LanguageSchema,
  mode: KioskModeSchema,
  createdAt: EpochMsSchema,
  link: z.string().length(64).regex(/^[0-9a-f]+$/),
})
export type RatingRecord = z.infer<typeof RatingRecordSchema>
