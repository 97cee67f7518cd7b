import crypto from 'node:crypto'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import type { ExportFormat, ExportJob } from '../../../shared/schemas/reports'
import { AppError } from '../errors'
import { BOM, EXPORT_HEADERS, csvLine, type ExportSource } from './export-rows'

export const CHUNK_BYTES = 512 * 1024
const BATCH = 2000
const KEEP_JOBS = 4

interface Job {
  view: ExportJob
  body: Buffer | null
}

export interface ExportJobs {
  start(source: ExportSource, format: ExportFormat, baseName: string): ExportJob
  status(jobId: string): ExportJob
  chunk(jobId: string, index: number): string
}

async function build(job: Job, source: ExportSource, format: ExportFormat): Promise<Buffer> {
  const rows: (string | number)[][] = []
  let csv = BOM + csvLine(EXPORT_HEADERS)
  for (const batch of source.batches(BATCH)) {
    if (format === 'csv') csv += batch.map(csvLine).join('')
    else rows.push(...batch)
    job.view = { ...job.view, done: job.view.done + batch.length }
    await yieldToLoop() // let other calls (and progress polls) through between batches
  }
  if (format === 'csv') return Buffer.from(csv, 'utf8')
  const header: Row = EXPORT_HEADERS.map((value) => ({ value, fontWeight: 'bold' as const }))
  const data: Row[] = rows.map((row) => row.map((value) => ({ value })))
  return writeXlsxFile([header, ...data], { sheet: 'Đánh giá', stickyRowsCount: 1 }).toBuffer()
}

/**
 * Exports run in the background in batches, so a year of ratings neither blocks the kiosk nor arrives as one
 * giant answer: the screen polls `status` for its progress bar, then fetches the file in 512 KB chunks.
 */
export function createExportJobs(): ExportJobs {
  const jobs = new Map<string, Job>()
  const get = (jobId: string): Job => {
    const job = jobs.get(jobId)
    if (!job) throw new AppError('NOT_FOUND', 'no such export')
    return job
  }
  return {
    start(source, format, baseName) {
      const jobId = crypto.randomUUID()
      const job: Job = {
        view: {
          jobId,
          state: 'running',
          done: 0,
          total: source.total,
          fileName: `${baseName}.${format}`,
          bytes: 0,
          chunkBytes: CHUNK_BYTES,
        },
        body: null,
      }
      jobs.set(jobId, job)
      for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEEP_JOBS))) jobs.delete(old)
      build(job, source, format).then(
        (body) => {
          job.body = body
          job.view = { ...job.view, state: 'done', bytes: body.length }
        },
        () => {
          job.view = { ...job.view, state: 'failed' }
        },
      )
      return job.view
    },
    status: (jobId) => get(jobId).view,
    chunk(jobId, index) {
      const { body } = get(jobId)
      if (body === null) throw new AppError('CONFLICT', 'the export is not ready')
      const slice = body.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES)
      if (slice.length === 0) throw new AppError('NOT_FOUND', 'no such chunk')
      return slice.toString('base64')
    },
  }
}
