import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { call, cheapCost, givePin } from '../auth/helpers'
import type { Core } from '../../electron/core/core'

const VN = (day: number, hour: number) => Date.UTC(2026, 10, day, hour - 7) // Asia/Ho_Chi_Minh is UTC+7

async function rate(core: Core, dbFile: string, counterNumber: number, at: number, levelKey: string, extra = {}) {
  const ticket = insertServedTicket(dbFile, { counterNumber, completedAt: at, ...extra })
  const result = await core.invoke('rating:submit', {
    ticketUid: ticket.uid,
    counterId: null,
    levelKey,
    reasons: levelKey === 'not_satisfied' ? ['slow'] : [],
    comment: '',
    language: 'vi',
  }, TEST_CLIENT)
  if (!result.ok) throw new Error(result.error.message)
}

function reassign(dbFile: string, counterNumber: number, officerId: number, at: number): void {
  const db = new Database(dbFile)
  try {
    const counter = db.prepare('SELECT id FROM counters WHERE number = ?').pluck().get(counterNumber)
    db.prepare('UPDATE assignments SET ends_at = ? WHERE counter_id = ? AND ends_at IS NULL').run(at, counter)
    db.prepare('INSERT INTO assignments (officer_id, counter_id, starts_at) VALUES (?, ?, ?)').run(officerId, counter, at)
  } finally {
    db.close()
  }
}

describe('my ratings dashboard', () => {
  it('matches hand-computed numbers, binds ratings to who served even after a mid-day reassignment', async () => {
    const clock = fixedClock(VN(24, 9))
    const core = testCore({ clock, pinCost: cheapCost })
    const officer1 = await givePin(core, 1, '111111')
    const officer2 = await givePin(core, 2, '222222')
    const file = core.dbFile

    await rate(core, file, 1, clock.now(), 'very_satisfied') // T1, 24 Nov
    clock.advance(60_000)
    const t2 = insertServedTicket(file, { counterNumber: 1, completedAt: clock.now() })
    await call(core, 'rating:submit', {
      ticketUid: t2.uid,
      counterId: null,
      levelKey: 'not_satisfied',
      reasons: ['slow', 'impolite'],
      comment: 'Chờ lâu quá, hướng dẫn chưa rõ',
      language: 'vi',
    })
    clock.advance(VN(26, 8) - clock.now())
    await rate(core, file, 1, clock.now(), 'satisfied') // T3, 26 Nov, officer 1
    clock.advance(60_000)
    const calledBefore = clock.now()
    reassign(file, 1, 2, clock.now() + 1) // officer 2 takes counter 1 mid-day
    clock.advance(60_000)
    await rate(core, file, 1, clock.now(), 'not_satisfied') // T4: counter 1, now officer 2
    await rate(core, file, 3, clock.now(), 'very_satisfied') // T5: another officer
    // T6: called by officer 1 before the change, completed and rated after it: still officer 1's.
    await rate(core, file, 1, clock.now(), 'very_satisfied', { officerId: 1 })
    expect(calledBefore).toBeLessThan(clock.now())

    await call(core, 'auth:login', { accountId: officer1, pin: '111111' })
    const week = await call(core, 'staff:myRatings', { range: { kind: 'last', days: 7 } })
    expect(week.fromDay).toBe('2026-11-20')
    expect(week.toDay).toBe('2026-11-26')
    expect(week.tally).toEqual({ total: 4, satisfied: 3, rate: 0.75 })
    expect(week.levels.map((l) => [l.label.vi, l.count])).toEqual([
      ['Rất hài lòng', 2],
      ['Hài lòng', 1],
      ['Không hài lòng', 1],
    ])
    expect(week.trend.filter((d) => d.total > 0)).toEqual([
      { day: '2026-11-24', total: 2, satisfied: 1, rate: 0.5 },
      { day: '2026-11-26', total: 2, satisfied: 2, rate: 1 },
    ])
    expect(week.trend).toHaveLength(7)
    expect(week.reasons.map((r) => [r.key, r.count])).toEqual([
      ['impolite', 1],
      ['slow', 1],
    ])
    expect(week.latest.map((r) => r.comment)).toEqual(['Chờ lâu quá, hướng dẫn chưa rõ'])
    expect(week.centre).toEqual({ total: 6, satisfied: 4, rate: 4 / 6 })

    const today = await call(core, 'staff:myRatings', { range: { kind: 'last', days: 1 } })
    expect(today.tally).toEqual({ total: 2, satisfied: 2, rate: 1 })
    expect(today.centre).toEqual({ total: 4, satisfied: 3, rate: 0.75 })
    const custom = await call(core, 'staff:myRatings', {
      range: { kind: 'custom', fromDay: '2026-11-24', toDay: '2026-11-24' },
    })
    expect(custom.tally).toEqual({ total: 2, satisfied: 1, rate: 0.5 })

    await call(core, 'auth:login', { accountId: officer2, pin: '222222' })
    const other = await call(core, 'staff:myRatings', { range: { kind: 'last', days: 1 } })
    expect(other.officer.id).toBe(2)
    expect(other.tally).toEqual({ total: 1, satisfied: 0, rate: 0 })
  })

  it('needs an officer session', async () => {
    const core = testCore({ pinCost: cheapCost })
    const result = await core.invoke('staff:myRatings', { range: { kind: 'last', days: 7 } }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
