import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { call, cheapCost, givePin, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'

function ratingRows(dbFile: string): unknown[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT * FROM ratings ORDER BY id').all()
  } finally {
    db.close()
  }
}

describe('disputes', () => {
  it('an officer flags their own rating, IT resolves it, the rating is never touched, all audit-logged', async () => {
    const clock = fixedClock()
    const core = testCore({ clock, pinCost: cheapCost })
    const officer = await givePin(core, 1, '111111')
    await givePin(core, 2, '222222')
    const mine = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
    const theirs = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: clock.now() })
    for (const ticket of [mine, theirs]) {
      await call(core, 'rating:submit', {
        ticketUid: ticket.uid,
        counterId: null,
        levelKey: 'not_satisfied',
        reasons: ['impolite'],
        comment: 'Thái độ không tốt',
        language: 'vi',
      })
    }
    const before = ratingRows(core.dbFile)

    await call(core, 'auth:login', { accountId: officer, pin: '111111' })
    const { latest } = await call(core, 'staff:myRatings', { range: { kind: 'last', days: 1 } })
    expect(latest).toHaveLength(1)
    const ratingId = latest[0]?.id ?? 0
    const dispute = await call(core, 'staff:dispute', { ratingId, note: 'Công dân đến nhầm quầy, tôi chưa phục vụ.' })
    expect(dispute).toMatchObject({ status: 'open', officerName: 'Nguyễn Thị Hương', levelLabel: 'Không hài lòng' })
    expect(await core.invoke('staff:dispute', { ratingId, note: 'Lần nữa' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    // Someone else's rating (counter 2) cannot be disputed by this officer.
    expect(await core.invoke('staff:dispute', { ratingId: ratingId + 1, note: 'Không công bằng' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect((await call(core, 'staff:myRatings', { range: { kind: 'last', days: 1 } })).latest[0]?.dispute).toBe('open')

    await call(core, 'auth:logout', {})
    await loginAdmin(core)
    expect(await call(core, 'disputes:list', { status: 'open' })).toHaveLength(1)
    const resolved = await call(core, 'disputes:resolve', { id: dispute.id, outcome: 'upheld', note: 'Đã xem camera.' })
    expect(resolved).toMatchObject({ status: 'upheld', resolvedBy: 'Quản trị CNTT', resolutionNote: 'Đã xem camera.' })
    expect(await core.invoke('disputes:resolve', { id: dispute.id, outcome: 'rejected', note: '' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await call(core, 'disputes:list', { status: 'open' })).toHaveLength(0)

    expect(ratingRows(core.dbFile)).toEqual(before)
    const audit = await call(core, 'audit:list', { limit: 50, before: null, from: null, to: null, action: null })
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['dispute.open', 'dispute.resolve']))
  })
})
