import fs from 'node:fs'
import path from 'node:path'
import { staffActor } from '../access'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import type { WorkerPool } from '../worker/pool'
import { createExportJobs } from './export-jobs'

type ReportCall = 'reports:summary' | 'reports:pdf' | 'exports:start' | 'exports:status' | 'exports:chunk'

/** Renders what the main window shows as a PDF (Electron's `webContents.printToPDF`); absent under the web host. */
export type PdfPrinter = () => Promise<Buffer>

export interface ReportHandlerDeps {
  db: Db
  clock: Clock
  dataDir: string
  pdf?: PdfPrinter
  /** Reports and exports run there, on their own read connection: a yearly report never holds up a tap. */
  pool: WorkerPool
}

const stamp = (at: number) => new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')

export function createReportHandlers({ db, clock, dataDir, pdf, pool }: ReportHandlerDeps): Pick<Handlers, ReportCall> {
  const jobs = createExportJobs()
  const audit = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    appendAudit(db, clock.now(), actor, { action, detail })
  return {
    'reports:summary': ({ range, groupBy }) => {
      return pool.run('report', { file: db.name, now: clock.now(), range, groupBy })
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
    'exports:start': async ({ range, format }, { caller }) => {
      const actor = staffActor(caller)
      // One instant for the count and the rows: "last 30 days" means the same days to both.
      const now = clock.now()
      const total = await pool.run('exportTotal', { file: db.name, now, range })
      audit(actor, 'export.ratings', { range, format, rows: total })
      return jobs.start(total, format, `danh-gia-${stamp(now)}`, async (onProgress, signal) => {
        const progress = (value: unknown) => {
          if (typeof value === 'number') onProgress(value)
        }
        const bytes = await pool.run('exportFile', { file: db.name, now, range, format }, { onProgress: progress, signal })
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      })
    },
    'exports:status': ({ jobId }) => {
      return jobs.status(jobId)
    },
    'exports:chunk': ({ jobId, index }) => {
      return { base64: jobs.chunk(jobId, index) }
    },
  }
}
