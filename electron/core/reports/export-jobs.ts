import crypto from 'node:crypto'
import type { ExportFormat, ExportJob } from '../../../shared/schemas/reports'
import { AppError } from '../errors'

export const CHUNK_BYTES = 512 * 1024
const KEEP_JOBS = 4

interface Job {
  view: ExportJob
  body: Buffer | null
  stop: AbortController
}

/** Builds the file (in a worker thread), reporting rows done; stops when `signal` aborts. */
export type ExportBuilder = (onProgress: (done: number) => void, signal: AbortSignal) => Promise<Buffer>

export interface ExportJobs {
  start(total: number, format: ExportFormat, baseName: string, build: ExportBuilder): ExportJob
  status(jobId: string): ExportJob
  chunk(jobId: string, index: number): string
}

/**
 * Exports run in the background, so a year of ratings neither blocks the kiosk nor arrives as one giant answer:
 * the screen polls `status` for its progress bar, then fetches the file in 512 KB chunks.
 */
export function createExportJobs(): ExportJobs {
  const jobs = new Map<string, Job>()
  const get = (jobId: string): Job => {
    const job = jobs.get(jobId)
    if (!job) throw new AppError('NOT_FOUND', 'no such export')
    return job
  }
  return {
    start(total, format, baseName, build) {
      const jobId = crypto.randomUUID()
      const job: Job = {
        view: { jobId, state: 'running', done: 0, total, fileName: `${baseName}.${format}`, bytes: 0, chunkBytes: CHUNK_BYTES },
        body: null,
        stop: new AbortController(),
      }
      jobs.set(jobId, job)
      for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEEP_JOBS))) {
        jobs.get(old)?.stop.abort() // nobody can fetch a forgotten job's file: stop building it
        jobs.delete(old)
      }
      const progress = (done: number) => {
        if (job.view.state === 'running') job.view = { ...job.view, done }
      }
      build(progress, job.stop.signal).then(
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
