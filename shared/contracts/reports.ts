import { z } from 'zod'
import { ExportFormatSchema, ExportJobSchema, ReportInputSchema, ReportSchema } from '../schemas/reports'
import { DayRangeSchema } from '../schemas/staff'
import { itOnly } from './access'
import { call } from './call'

const JobId = z.strictObject({ jobId: z.uuid() })

/** Reports and exports: admin session required; every export is audit-logged. */
export const reportCalls = {
  'reports:summary': call(ReportInputSchema, ReportSchema, itOnly),
  /** Electron only: the report as it is on screen, saved as a PDF under `<dataDir>/reports`; answers the file. */
  'reports:pdf': call(ReportInputSchema, z.strictObject({ file: z.string().max(500) }), itOnly),
  /** Starts building the ratings of a range as CSV (UTF-8 with BOM) or XLSX; poll `exports:status`. */
  'exports:start': call(z.strictObject({ range: DayRangeSchema, format: ExportFormatSchema }), ExportJobSchema, itOnly),
  'exports:status': call(JobId, ExportJobSchema, itOnly),
  /** One 512 KB piece of a finished export, base64. */
  'exports:chunk': call(
    z.strictObject({ jobId: z.uuid(), index: z.number().int().min(0).max(100_000) }),
    z.strictObject({ base64: z.string().max(700_000) }),
    itOnly,
  ),
}
