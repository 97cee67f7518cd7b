import { z } from 'zod'
import { EpochMsSchema, IdSchema, line } from './common'
import { DayRangeSchema, LevelCountSchema, ReasonCountSchema, TallySchema } from './staff'

export const ReportGroupSchema = z.enum(['officer', 'counter', 'field'])
export type ReportGroup = z.infer<typeof ReportGroupSchema>

export const ReportInputSchema = z.strictObject({ range: DayRangeSchema, groupBy: ReportGroupSchema })
export type ReportInput = z.infer<typeof ReportInputSchema>

export const ReportRowSchema = z.strictObject({
  id: IdSchema.nullable(),
  name: line(200),
  tally: TallySchema,
  levels: z.array(LevelCountSchema).max(10),
  topReasons: z.array(ReasonCountSchema).max(3),
})
export type ReportRow = z.infer<typeof ReportRowSchema>

/**
 * Tỷ lệ hài lòng per officer, counter or field over a period, with counts per level and the top reasons, in
 * the shape a centre reports upward (Decision 766/QĐ-TTg counts the satisfaction rate).
 */
export const ReportSchema = z.strictObject({
  fromDay: line(10),
  toDay: line(10),
  groupBy: ReportGroupSchema,
  generatedAt: EpochMsSchema,
  centreName: line(200),
  total: TallySchema,
  levels: z.array(LevelCountSchema).max(10),
  reasons: z.array(ReasonCountSchema).max(20),
  rows: z.array(ReportRowSchema).max(1000),
})
export type Report = z.infer<typeof ReportSchema>

export const ExportFormatSchema = z.enum(['csv', 'xlsx'])
export type ExportFormat = z.infer<typeof ExportFormatSchema>

export const ExportJobSchema = z.strictObject({
  jobId: z.uuid(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  fileName: line(100),
  bytes: z.number().int().nonnegative(),
  /** The file is fetched in chunks of this many bytes. */
  chunkBytes: z.number().int().positive(),
})
export type ExportJob = z.infer<typeof ExportJobSchema>
