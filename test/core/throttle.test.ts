import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/open'
import { TAKE_LIMIT } from '../../electron/core/queue/queue-handlers'
import { createRateLimiter } from '../../electron/core/rate-limit'
import {
  DIAGNOSTICS_PER_CLIENT,
  DIAGNOSTICS_TOTAL,
  RENDERER_ERRORS_KEPT,
  createDiagnostics,
} from '../../electron/core/system/diagnostics'
import { fixedClock, OTHER_CLIENT, testCore, TEST_CLIENT } from '../helpers/core'
import { systemEventsIn } from '../helpers/system-events'
import { demoIds, errorCode, query } from '../queue/helpers'

const report = { message: 'Lỗi hiển thị màn hình', screen: 'home' }
const client = (n: number) => ({ clientId: `page:${n}` })

describe('error reports from screens', () => {
  it('refuses the 201st report of a minute from all screens with RATE_LIMITED and writes nothing; time refills', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    let accepted = 0
    // 11 screens × 20 reports each: every screen stays within its own limit, the total does not.
    for (let n = 0; n < 11; n++) {
      for (let i = 0; i < DIAGNOSTICS_PER_CLIENT.burst; i++) {
        if ((await core.invoke('diagnostics:report', report, client(n))).ok) accepted++
      }
    }
    expect(accepted).toBe(200)
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toHaveLength(200)
    expect(await errorCode(core.invoke('diagnostics:report', report, client(99)))).toBe('RATE_LIMITED')
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toHaveLength(200)

    clock.advance(DIAGNOSTICS_TOTAL.refillMs)
    expect(await core.invoke('diagnostics:report', report, client(99))).toMatchObject({ ok: true })
    // The stored report says how many were dropped since the last one stored: the 20 over the cap, and page 99's.
    const last = systemEventsIn(core.dbFile, 'renderer.error').at(-1)
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ message: report.message, droppedBefore: 21 })
  })

  it('gives each screen a burst, then one report every few seconds', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const send = async (ctx = TEST_CLIENT) => ((await core.invoke('diagnostics:report', report, ctx)).ok ? 'ok' : 'refused')
    for (let i = 0; i < DIAGNOSTICS_PER_CLIENT.burst; i++) expect(await send()).toBe('ok')
    expect(await send()).toBe('refused')
    expect(await send(OTHER_CLIENT)).toBe('ok') // another screen has its own bucket
    clock.advance(DIAGNOSTICS_PER_CLIENT.refillMs - 1)
    expect(await send()).toBe('refused')
    clock.advance(1)
    expect(await send()).toBe('ok')
    expect(await send()).toBe('refused')
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toHaveLength(DIAGNOSTICS_PER_CLIENT.burst + 2)
  })

  it('keeps only the newest renderer errors (a bounded number) and never touches other events', () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const { db } = openDatabase(core.dbFile, clock)
    try {
      const kept = 40 // the shipped cap is RENDERER_ERRORS_KEPT; a smaller one keeps the test quick
      expect(RENDERER_ERRORS_KEPT).toBeGreaterThan(kept)
      const diagnostics = createDiagnostics({ db, clock, kept })
      const others = systemEventsIn(core.dbFile, 'db.created').length + systemEventsIn(core.dbFile, 'db.seeded').length
      for (let i = 0; i < kept + 25; i++) {
        diagnostics.report(`page:${i}`, { message: `lỗi ${i}`, screen: 'home' })
        clock.advance(DIAGNOSTICS_TOTAL.refillMs) // within the total rate: only the row cap acts here
      }
      const rows = systemEventsIn(core.dbFile, 'renderer.error')
      expect(rows).toHaveLength(kept)
      expect(JSON.parse(rows[0]?.detail ?? '{}').message).toBe('lỗi 25')
      expect(JSON.parse(rows.at(-1)?.detail ?? '{}').message).toBe(`lỗi ${kept + 24}`)
      expect(systemEventsIn(core.dbFile, 'db.created').length + systemEventsIn(core.dbFile, 'db.seeded').length).toBe(others)
    } finally {
      db.close()
    }
  })
})

describe('taking a number', () => {
  const tickets = (dbFile: string) => query<{ n: number }>(dbFile, 'SELECT count(*) AS n FROM tickets')[0]?.n

  it('lets one screen take a burst of 10, then one number every 2 s; refusals write no ticket', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const { field } = await demoIds(core)
    const take = { fieldId: field.A, priorityGroup: null }
    for (let i = 0; i < TAKE_LIMIT.burst; i++) expect(await core.invoke('queue:take', take, TEST_CLIENT)).toMatchObject({ ok: true })
    expect(await errorCode(core.invoke('queue:take', take, TEST_CLIENT))).toBe('RATE_LIMITED')
    expect(tickets(core.dbFile)).toBe(TAKE_LIMIT.burst)
    expect(await core.invoke('queue:take', take, OTHER_CLIENT)).toMatchObject({ ok: true }) // the other lobby screen
    clock.advance(TAKE_LIMIT.refillMs)
    expect(await core.invoke('queue:take', take, TEST_CLIENT)).toMatchObject({ ok: true })
    expect(await errorCode(core.invoke('queue:take', take, TEST_CLIENT))).toBe('RATE_LIMITED')
    expect(tickets(core.dbFile)).toBe(TAKE_LIMIT.burst + 2)
  })

  it('never bites a busy lobby: a number every 3 s for five minutes from one screen', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const { field } = await demoIds(core)
    for (let i = 0; i < 100; i++) {
      expect(await core.invoke('queue:take', { fieldId: field.B, priorityGroup: null }, TEST_CLIENT)).toMatchObject({ ok: true })
      clock.advance(3_000)
    }
  })
})

describe('the rate limiter', () => {
  it('tracks a bounded number of screens: a flood of new ids evicts full buckets first, then the least recent', () => {
    const limiter = createRateLimiter({ burst: 2, refillMs: 1_000 }, 3)
    expect(limiter.take('a', 0)).toBe(true)
    expect(limiter.take('a', 0)).toBe(true)
    expect(limiter.take('a', 0)).toBe(false)
    for (const id of ['b', 'c', 'd', 'e']) expect(limiter.take(id, 0)).toBe(true)
    // 'a' was the least recently used and had to go: it starts afresh. Nothing else ever grows the map.
    expect(limiter.take('a', 0)).toBe(true)
  })

  it('does not refill when the clock steps back', () => {
    const limiter = createRateLimiter({ burst: 1, refillMs: 1_000 })
    expect(limiter.take('a', 10_000)).toBe(true)
    expect(limiter.take('a', 5_000)).toBe(false)
    expect(limiter.take('a', 10_999)).toBe(false)
    expect(limiter.take('a', 11_000)).toBe(true)
  })
})
