import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { call, cheapCost, loginAdmin } from '../auth/helpers'

// A 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

function count(dbFile: string, sql: string): number {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as number
  } finally {
    db.close()
  }
}

describe('admin configuration', () => {
  it('creates a counter and an officer with a photo, assigns them; the kiosk shows them and a rating binds to them', async () => {
    const clock = fixedClock()
    const core = testCore({ clock, pinCost: cheapCost })
    await loginAdmin(core)
    const { id: counterId } = await call(core, 'admin:saveCounter', {
      id: null,
      number: 7,
      name: { vi: 'Quầy 7', en: 'Counter 7' },
      fieldIds: [1, 2],
      active: true,
    })
    const officer = await call(core, 'admin:saveOfficer', {
      id: null,
      fullName: 'Đặng Thị Mỹ Duyên',
      title: { vi: 'Chuyên viên', en: 'Officer' },
      active: true,
      photo: { type: 'image/png', base64: PNG },
    })
    expect(officer.photoUrl).toMatch(/^media\/photos\/officer-\d+-[0-9a-f]+\.png$/)
    expect(core.readMedia(officer.photoUrl ?? '')?.contentType).toBe('image/png')
    clock.advance(1000)
    const history = await call(core, 'admin:assign', { counterId, officerId: officer.id })
    expect(history[0]).toMatchObject({ officerName: 'Đặng Thị Mỹ Duyên', counterNumber: 7, endsAt: null })
    clock.advance(1000)

    const overview = await call(core, 'centre:overview', {})
    const counter = overview.counters.find((c) => c.number === 7)
    expect(counter).toMatchObject({ fieldIds: [1, 2], officer: { fullName: 'Đặng Thị Mỹ Duyên', photoUrl: officer.photoUrl } })

    await call(core, 'auth:logout', {})
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 7, completedAt: clock.now() })
    await call(core, 'rating:submit', {
      ticketUid: ticket.uid,
      counterId: null,
      levelKey: 'very_satisfied',
      reasons: [],
      comment: '',
      language: 'vi',
    })
    expect(count(core.dbFile, `SELECT officer_id FROM ratings`)).toBe(officer.id)
  })

  it('keeps the assignment history when someone else takes the counter', async () => {
    const clock = fixedClock()
    const core = testCore({ clock, pinCost: cheapCost })
    await loginAdmin(core)
    clock.advance(30_000)
    const history = await call(core, 'admin:assign', { counterId: 1, officerId: 2 })
    const counter1 = history.filter((a) => a.counterNumber === 1)
    expect(counter1.map((a) => [a.officerId, a.endsAt === null])).toEqual([
      [2, true],
      [1, false],
    ])
    // Officer 2 left counter 2 for counter 1: one officer, one counter at a time.
    expect(history.find((a) => a.counterNumber === 2 && a.officerId === 2)?.endsAt).not.toBeNull()
  })

  it('refuses a clash or a bad photo with nothing changed, and refuses anyone but an admin', async () => {
    const core = testCore({ pinCost: cheapCost })
    expect(await core.invoke('admin:config', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await loginAdmin(core)
    const before = [
      count(core.dbFile, 'SELECT count(*) FROM counters'),
      count(core.dbFile, 'SELECT count(*) FROM officers'),
      count(core.dbFile, 'SELECT count(*) FROM audit_log'),
    ]
    const clash = await core.invoke('admin:saveCounter', {
      id: null,
      number: 1,
      name: { vi: 'Quầy 1 bis', en: '' },
      fieldIds: [1],
      active: true,
    }, TEST_CLIENT)
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'number' } })
    const badPhoto = await core.invoke('admin:saveOfficer', {
      id: null,
      fullName: 'Không Ảnh',
      title: { vi: 'Chuyên viên', en: '' },
      active: true,
      photo: { type: 'image/jpeg', base64: PNG },
    }, TEST_CLIENT)
    expect(badPhoto).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const badKiosk = await core.invoke('admin:saveKiosk', {
      kiosk: {
        mode: 'counter',
        counterId: null,
        language: 'vi',
        idle: { citizenSeconds: 30, staffSeconds: 60 },
        display: { kiosk: false, fullscreen: false, boardOnSecondDisplay: false },
      },
    }, TEST_CLIENT)
    expect(badKiosk).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect([
      count(core.dbFile, 'SELECT count(*) FROM counters'),
      count(core.dbFile, 'SELECT count(*) FROM officers'),
      count(core.dbFile, 'SELECT count(*) FROM audit_log'),
    ]).toEqual(before)
  })
})
