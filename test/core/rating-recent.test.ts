import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { RECENT_TILE_MS } from '../../electron/core/ratings/recent-tickets'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'

const MINUTE = 60_000

function run(dbFile: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbFile)
  try {
    db.prepare(sql).run(...params)
  } finally {
    db.close()
  }
}

describe('rating:recent (lobby tiles)', () => {
  it('lists the tickets completed in the last minutes and not rated, newest first, with nothing personal', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const now = clock.now()
    const older = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: now - 9 * MINUTE })
    const newest = insertServedTicket(core.dbFile, { counterNumber: 3, completedAt: now - 1 * MINUTE })
    const rated = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now - 2 * MINUTE })
    insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now - RECENT_TILE_MS - 1 }) // too long ago
    insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now, status: 'called' }) // not served yet
    const nobody = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now - MINUTE })
    run(core.dbFile, 'UPDATE tickets SET officer_id = NULL WHERE id = ?', nobody.id) // no officer to rate
    const submit = await core.invoke('rating:submit', {
      ticketUid: rated.uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi',
    }, TEST_CLIENT)
    expect(submit.ok).toBe(true)

    const result = await core.invoke('rating:recent', {}, TEST_CLIENT)
    expect(result).toEqual({
      ok: true,
      value: {
        tickets: [
          { ticketCode: newest.code, counterNumber: 3, completedAt: now - MINUTE },
          { ticketCode: older.code, counterNumber: 2, completedAt: now - 9 * MINUTE },
        ],
      },
    })
  })

  it('a tile is the same as typing its code: the lookup finds that ticket, and once rated the tile is gone', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 4, completedAt: clock.now() - MINUTE })
    const before = await core.invoke('rating:recent', {}, TEST_CLIENT)
    const code = before.ok ? (before.value as { tickets: { ticketCode: string }[] }).tickets[0]?.ticketCode : undefined
    expect(code).toBe(ticket.code)
    const found = await core.invoke('rating:lookup', { query: code ?? '' }, TEST_CLIENT)
    expect(found).toMatchObject({ ok: true, value: { ticketUid: ticket.uid, counterNumber: 4 } })
    await core.invoke('rating:submit', {
      ticketUid: ticket.uid, counterId: null, levelKey: 'very_satisfied', reasons: [], comment: '', language: 'vi',
    }, TEST_CLIENT)
    expect(await core.invoke('rating:recent', {}, TEST_CLIENT)).toEqual({ ok: true, value: { tickets: [] } })
  })

  it('shows at most 12 tiles, and a tile leaves the list when its ten minutes are over', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    for (let i = 0; i < 15; i++) {
      insertServedTicket(core.dbFile, { counterNumber: 1 + (i % 6), completedAt: clock.now() - (15 - i) * 30_000 })
    }
    const count = async () => {
      const result = await core.invoke('rating:recent', {}, TEST_CLIENT)
      return result.ok ? (result.value as { tickets: unknown[] }).tickets.length : -1
    }
    expect(await count()).toBe(12)
    // Completed 7.5 … 0.5 minutes ago; 7 minutes on, only the last six are within ten minutes (one exactly).
    clock.advance(7 * MINUTE)
    expect(await count()).toBe(6)
    clock.advance(30_000)
    expect(await count()).toBe(5)
    clock.advance(3 * MINUTE)
    expect(await count()).toBe(0)
  })
})
