import { z } from 'zod'
import { EpochMsSchema, IdSchema, LocalizedTextSchema, line, text } from './common'

export const DayStringSchema = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')

/** Today, the last 7 or 30 days (today included), or a custom range of days (inclusive, at most a year). */
export const DayRangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('last'), days: z.union([z.literal(1), z.literal(7), z.literal(30)]) }),
  z.strictObject({ kind: z.literal('custom'), fromDay: DayStringSchema, toDay: DayStringSchema }),
])
export type DayRange = z.infer<typeof DayRangeSchema>

const CountSchema = z.number().int().min(0)
/** (Rất hài lòng + Hài lòng) / total, 0..1; null when there is nothing to divide. */
const RateSchema = z.number().min(0).max(1).nullable()

export const TallySchema = z.strictObject({ total: CountSchema, satisfied: CountSchema, rate: RateSchema })
export type Tally = z.infer<typeof TallySchema>

export const LevelCountSchema = z.strictObject({
  key: line(40, 1),
  value: z.number().int().min(1).max(5),
  label: LocalizedTextSchema,
  count: CountSchema,
})
export type LevelCount = z.infer<typeof LevelCountSchema>

export const ReasonCountSchema = z.strictObject({ key: line(40, 1), label: LocalizedTextSchema, count: CountSchema })
export type ReasonCount = z.infer<typeof ReasonCountSchema>

export const DayTallySchema = z.strictObject({
  day: DayStringSchema,
  total: CountSchema,
  satisfied: CountSchema,
  rate: RateSchema,
})

export const DisputeStatusSchema = z.enum(['open', 'upheld', 'rejected'])
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>

/** One of the officer's own ratings, as the dashboard lists it. */
export const OwnRatingSchema = z.strictObject({
  id: IdSchema,
  at: EpochMsSchema,
  ticketCode: line(10).nullable(),
  level: LevelCountSchema.omit({ count: true }),
  satisfied: z.boolean(),
  reasons: z.array(line(40, 1)).max(12),
  comment: text(1000),
  dispute: DisputeStatusSchema.nullable(),
})
export type OwnRating = z.infer<typeof OwnRatingSchema>

/** The "my ratings" dashboard: only ratings bound to this officer (tickets they served). */
export const MyRatingsSchema = z.strictObject({
  officer: z.strictObject({ id: IdSchema, fullName: line(100, 1) }),
  fromDay: DayStringSchema,
  toDay: DayStringSchema,
  tally: TallySchema,
  levels: z.array(LevelCountSchema).max(10),
  trend: z.array(DayTallySchema).max(400),
  reasons: z.array(ReasonCountSchema).max(20),
  /** The latest ratings with a comment or a negative level, newest first. */
  latest: z.array(OwnRatingSchema).max(30),
  /** Every officer of the centre over the same days, for comparison. */
  centre: TallySchema,
})
export type MyRatings = z.infer<typeof MyRatingsSchema>

export const DisputeInputSchema = z.strictObject({
  ratingId: IdSchema,
  /** Why the officer finds the rating unfair, in a sentence or two. */
  note: line(500, 1),
})

/** A dispute as IT and leaders see it, with the rating it is about (which is never changed). */
export const DisputeViewSchema = z.strictObject({
  id: IdSchema,
  uuid: z.uuid(),
  ratingId: IdSchema,
  ratingAt: EpochMsSchema,
  ticketCode: line(10).nullable(),
  levelLabel: line(200),
  comment: text(1000),
  officerName: line(100),
  note: line(500),
  createdAt: EpochMsSchema,
  status: DisputeStatusSchema,
  resolutionNote: line(500),
  resolvedAt: EpochMsSchema.nullable(),
  resolvedBy: line(100).nullable(),
})
export type DisputeView = z.infer<typeof DisputeViewSchema>

export const ResolveDisputeInputSchema = z.strictObject({
  id: IdSchema,
  outcome: z.enum(['upheld', 'rejected']),
  note: line(500),
})
