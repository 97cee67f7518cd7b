import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateRatings } from '../../bench/generate-ratings'
import type { Core } from '../../electron/core/core'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, OTHER_CLIENT, testCore } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'

/** 15:00 in Hà Nội on the last generated day. */
const NOW = Date.UTC(2026, 4, 29, 8)
const YEAR = { kind: 'custom', fromDay: '2025-05-30', toDay: '2026-05-29' } as const

/** An admin's core over a year of generated ratings. */
async function busyKiosk(count: number): Promise<Core> {
  const first = testCore({ clock: fixedClock(NOW) })
  first.close() // the core keeps its chain head in memory: the rows go in while no core has the file open
  const db = new Database(first.dbFile)
  try {
    generateRatings(db, count, '2026-05-29', 365)
    // The generator's rows carry stand-in links and are never uploaded; the next real rating follows their seq.
    db.prepare('UPDATE chain_head SET seq = (SELECT max(seq) FROM ratings) WHERE id = 1').run()
  } finally {
    db.close()
  }
  const core = testCore({ clock: fixedClock(NOW), pinCost: cheapCost, dataDir: path.dirname(first.dbFile) })
  await loginAdmin(core)
  return core
}

/** A citizen's rating of a ticket just served at counter 1, from the citizen's screen: the call a tap makes. */
async function rate(core: Core): Promise<void> {
  const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: NOW })
  const input = { ticketUid: ticket.uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
  const result = await core.invoke('rating:submit', input, OTHER_CLIENT)
  expect(result.ok ? 'ok' : result.error).toBe('ok')
}

describe('heavy work leaves the thread that answers taps', () => {
  it('a rating sent after a yearly report was asked for is answered before the report', { timeout: 60_000 }, async () => {
    const core = await busyKiosk(20_000)
    const order: string[] = []
    const report = call(core, 'reports:summary', { range: YEAR, groupBy: 'field' }).then((r) => {
      order.push('report')
      return r
    })
    const rating = rate(core).then(() => order.push('rating'))
    const [summary] = await Promise.all([report, rating])
    // Were the report counted on this thread, it would finish before the rating's handler could even start.
    expect(order).toEqual(['rating', 'report'])
    // The rating was committed before the worker counted: it is in the report.
    expect(summary.total.total).toBe(20_001)
  })

  it('ratings go through while a big export is being built, and the export still completes', { timeout: 60_000 }, async () => {
    const core = await busyKiosk(10_000)
    const started = await call(core, 'exports:start', { range: YEAR, format: 'xlsx' })
    expect(started).toMatchObject({ state: 'running', total: 10_000 })
    await rate(core)
    await rate(core)
    expect(await call(core, 'exports:status', { jobId: started.jobId })).toMatchObject({ state: 'running' })
    let job = started
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20))
      job = await call(core, 'exports:status', { jobId: started.jobId })
    }
    expect(job).toMatchObject({ state: 'done', total: 10_000 })
    // The two ratings may be in the file too, if they were committed before the worker read the last page.
    expect([10_000, 10_001, 10_002]).toContain(job.done)
    expect(job.bytes).toBeGreaterThan(0)
  })
})
