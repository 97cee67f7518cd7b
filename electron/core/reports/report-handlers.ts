import fs from 'node:fs'
import path from 'node:path'
import { staffActor } from '../access'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import { createExportJobs } from './export-jobs'
import { exportSource } from './export-rows'
import { buildReport } from './report'

type ReportCall = 'reports:summary' | 'reports:pdf' | 'exports:start' | 'exports:status' | 'exports:chunk'

/** Renders what the main window shows as a PDF (Electron's `webContents.printToPDF`); absent under the web host. */
export type PdfPrinter = () => Promise<Buffer>

export interface ReportHandlerDeps {
  db: Db
  clock: Clock
  dataDir: string
  pdf?: PdfPrinter
}

const stamp = (at: number) => new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')

export function createReportHandlers({ db, clock, dataDir, pdf }: ReportHandlerDeps): Pick<Handlers, ReportCall> {
  const jobs = createExportJobs()
  const audit = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    appendAudit(db, clock.now(), actor, { action, detail })
  return {
    'reports:summary': ({ range, groupBy }) => {
      return buildReport(db, clock, range, groupBy)
    },
    'reports:pdf': async ({ range, groupBy }, { caller }) => {
      const actor = staffActor(caller)
      if (!pdf) throw new AppError('UNAVAILABLE', 'PDF printing needs the Electron app; use the print page')
      const body = await pdf()
      const dir = path.join(dataDir, 'reports')
      fs.mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `bao-cao-${groupBy}-${stamp(clock.now())}.pdf`)
      fs.writeFileSync(file, body)
      audit(actor, 'report.pdf', { range, groupBy, file })
      return { file }
    },
    'exports:start': ({ range, format }, { caller }) => {
      const actor = staffActor(caller)
      const source = exportSource(db, clock, range)
      audit(actor, 'export.ratings', { range, format, rows: source.total })
      return jobs.start(source, format, `danh-gia-${stamp(clock.now())}`)
    },
    'exports:status': ({ jobId }) => {
      return jobs.status(jobId)
    },
    'exports:chunk': ({ jobId, index }) => {
      return { base64: jobs.chunk(jobId, index) }
    },
  }
}
