import { afterEach, describe, expect, it } from 'vitest'
import { generateRatings } from '../../bench/generate-ratings'
import { openDatabase, type Db } from '../../electron/core/db/open'
import { AppError } from '../../electron/core/errors'
import { buildExportFile } from '../../electron/core/reports/export-file'
import { exportSource } from '../../electron/core/reports/export-rows'
import { buildReport } from '../../electron/core/reports/report'
import { CANCELLED, createWorkerPool, type WorkerPool, type WorkerScript } from '../../electron/core/worker/pool'
import type { DayRange } from '../../shared/schemas/staff'
import { fixedClock, testCore } from '../helpers/core'

/** 15:00 in Hà Nội on the last generated day. */
const NOW = Date.UTC(2026, 4, 29, 8)
const RANGE: DayRange = { kind: 'custom', fromDay: '2026-04-30', toDay: '2026-05-29' }

const pools: WorkerPool[] = []
const dbs: Db[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close()
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

function pool(script?: WorkerScript): WorkerPool {
  const p = createWorkerPool({ size: 1, script })
  pools.push(p)
  return p
}

/** A kiosk file made by the real core and filled by the bench's seeded generator. */
function kioskFile(count: number): { file: string; db: Db } {
  const clock = fixedClock(NOW)
  const core = testCore({ clock })
  const file = core.dbFile
  core.close()
  const { db } = openDatabase(file, clock)
  dbs.push(db)
  generateRatings(db, count, '2026-05-29', 30)
  return { file, db }
}

/** A stand-in worker written inline: answers `echo`, dies on `die`, never answers `hang`. */
const FAKE: WorkerScript = {
  eval: true,
  file: `
    const { parentPort } = require('node:worker_threads')
    parentPort.on('message', ({ id, task, input }) => {
      if (task === 'die') process.exit(7)
      if (task === 'echo') parentPort.postMessage({ id, kind: 'done', value: input })
    })`,
}

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}

describe('the worker pool', () => {
  it('answers reports and exports exactly as the same functions do on this thread', async () => {
    const { file, db } = kioskFile(3000)
    const clock = fixedClock(NOW)
    const workers = pool()
    for (const groupBy of ['officer', 'counter', 'field'] as const) {
      const inWorker = await workers.run('report', { file, now: NOW, range: RANGE, groupBy })
      expect(inWorker).toEqual(buildReport(db, clock, RANGE, groupBy))
      expect(inWorker.total.total).toBe(3000)
    }
    expect(await workers.run('exportTotal', { file, now: NOW, range: RANGE })).toBe(3000)
    const progress: unknown[] = []
    const bytes = await workers.run('exportFile', { file, now: NOW, range: RANGE, format: 'csv' }, { onProgress: (v) => progress.push(v) })
    const here = await buildExportFile(exportSource(db, clock, RANGE), 'csv', () => {})
    expect(Buffer.from(bytes).equals(here)).toBe(true)
    expect(progress.at(-1)).toBe(3000)
  })

  it('turns bad input and a failing task into clear errors', async () => {
    const workers = pool()
    const bad = await rejection(workers.run('report', { file: '', now: NOW, range: RANGE, groupBy: 'officer' }))
    expect(bad.code).toBe('BAD_INPUT')
    const missing = await rejection(workers.run('exportTotal', { file: '/no/such/kiosk.db', now: NOW, range: RANGE }))
    expect(missing).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('exportTotal') })
  })

  it('answers a worker that dies with an error, not a hang, and starts a fresh one for the next task', async () => {
    const workers = pool(FAKE)
    const died = await rejection(workers.run('die' as 'report', {} as never))
    expect(died.code).toBe('UNAVAILABLE')
    expect(died.message).toContain('exit code 7')
    expect(await workers.run('echo' as 'backup', { source: 'a', target: 'b' })).toEqual({ source: 'a', target: 'b' })
  })

  it('cancels a running task and a waiting one; closing cancels the rest', async () => {
    const workers = pool(FAKE)
    const stop = new AbortController()
    const running = workers.run('hang' as 'report', {} as never, { signal: stop.signal })
    const waiting = workers.run('hang' as 'report', {} as never, { signal: stop.signal })
    const later = workers.run('echo' as 'backup', { source: 'x', target: 'y' })
    stop.abort()
    expect(await rejection(running)).toMatchObject({ code: 'CONFLICT', message: CANCELLED })
    expect(await rejection(waiting)).toMatchObject({ code: 'CONFLICT', message: CANCELLED })
    // The cancelled task's worker was ended; the next task still gets an answer.
    expect(await later).toEqual({ source: 'x', target: 'y' })
    const left = rejection(workers.run('hang' as 'report', {} as never))
    await workers.close()
    expect(await left).toMatchObject({ code: 'CONFLICT', message: CANCELLED })
    expect((await rejection(workers.run('echo' as 'backup', { source: 'x', target: 'y' }))).code).toBe('UNAVAILABLE')
  })
})
