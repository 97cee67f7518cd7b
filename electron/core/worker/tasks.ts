import Database from 'better-sqlite3'
import { z } from 'zod'
import { ExportFormatSchema, ReportGroupSchema } from '../../../shared/schemas/reports'
import { DayRangeSchema } from '../../../shared/schemas/staff'
import { scrubGenesisFile } from '../backup/genesis-scrub'
import { checkRestoreCopy } from '../backup/restore-checks'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import { buildExportFile } from '../reports/export-file'
import { exportSource } from '../reports/export-rows'
import { buildReport } from '../reports/report'

/**
 * What the worker threads do (worker/entry.ts runs them, worker/pool.ts sends them). Every task names the files
 * it works on and the instant the caller's clock read (workers never read the wall clock on their own), and the
 * functions it calls are the same plain ones a test calls in-thread: db in, answer out.
 */

const File = z.string().min(1).max(4096)
const Now = z.number().int().nonnegative()
/** Pages per backup step: all of them, in one read transaction, so a writer on the live file never restarts it. */
const ALL_PAGES = 2 ** 30

const readers = new Map<string, Db>()

/** This thread's read-only connection to `file` (kept: a report opened twice should not reopen the file). */
function reader(file: string): Db {
  let db = readers.get(file)
  if (!db) {
    db = new Database(file, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    readers.set(file, db)
  }
  return db
}

const at = (now: number): Clock => ({ now: () => now })

/** A Uint8Array that owns its whole ArrayBuffer, so it can be moved to the main thread instead of copied. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
}

type Progress = (value: unknown) => void

function task<S extends z.ZodType, R>(input: S, run: (input: z.infer<S>, progress: Progress) => R) {
  return { input, run }
}

export const TASKS = {
  report: task(
    z.strictObject({ file: File, now: Now, range: DayRangeSchema, groupBy: ReportGroupSchema }),
    (i) => buildReport(reader(i.file), at(i.now), i.range, i.groupBy),
  ),
  exportTotal: task(
    z.strictObject({ file: File, now: Now, range: DayRangeSchema }),
    (i) => exportSource(reader(i.file), at(i.now), i.range).total,
  ),
  exportFile: task(
    z.strictObject({ file: File, now: Now, range: DayRangeSchema, format: ExportFormatSchema }),
    async (i, progress): Promise<Uint8Array> =>
      owned(await buildExportFile(exportSource(reader(i.file), at(i.now), i.range), i.format, progress)),
  ),
  /** An online backup (SQLite's backup API) of `source` into `target`, in one step. */
  backup: task(z.strictObject({ source: File, target: File }), async (i) => {
    // Its own connection, closed after: the source may be a restore's staging copy, deleted right after.
    const source = new Database(i.source, { readonly: true, fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      await source.backup(i.target, { progress: () => ALL_PAGES })
    } finally {
      source.close()
    }
    return i.target
  }),
  scrubGenesisFile: task(z.strictObject({ file: File }), (i) => {
    scrubGenesisFile(i.file)
    return true as const
  }),
  restoreCheck: task(z.strictObject({ staging: File, live: File, now: Now }), (i) =>
    checkRestoreCopy(i.staging, reader(i.live), at(i.now)),
  ),
}

export type TaskName = keyof typeof TASKS
export type TaskInput<N extends TaskName> = z.infer<(typeof TASKS)[N]['input']>
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]['run']>>
export const TASK_NAMES = Object.keys(TASKS) as TaskName[]
