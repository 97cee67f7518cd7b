import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'

/**
 * A counter that takes ratings without a ticket keeps a pause between two of them (ratingForm.anonymousIntervalSeconds).
 * The pause runs from the previous such rating. The device clock can be set back (a kiosk that ran fast, put right
 * by NTP or by IT): ratings stamped "in the future" must not shut the counter until the clock catches up with them.
 */
const MINUTE = 60_000

function allowAnonymous(dbFile: string, counterNumber: number, seconds: number): number {
  const db = new Database(dbFile)
  try {
    const id = Number(db.prepare('SELECT id FROM counters WHERE number = ?').pluck().get(counterNumber))
    const form = JSON.parse(String(db.prepare("SELECT value FROM settings WHERE key = 'ratingForm'").pluck().get())) as object
    const next = { ...form, anonymousCounterIds: [id], anonymousIntervalSeconds: seconds }
    db.prepare("UPDATE settings SET value = ? WHERE key = 'ratingForm'").run(JSON.stringify(next))
    return id
  } finally {
    db.close()
  }
}

async function rateCounter(core: Core, counterId: number): Promise<string> {
  const input = { ticketUid: null, counterId, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
  const result = await core.invoke('rating:submit', input, TEST_CLIENT)
  return result.ok ? 'saved' : result.error.code
}

describe('the pause between ratings without a ticket', () => {
  it('refuses a second rating within the pause and takes it after', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const counter = allowAnonymous(core.dbFile, 1, 5)
    expect(await rateCounter(core, counter)).toBe('saved')
    clock.advance(4_999)
    expect(await rateCounter(core, counter)).toBe('TOO_SOON')
    clock.advance(1)
    expect(await rateCounter(core, counter)).toBe('saved')
  })

  it('keeps the counter open after the device clock is set back, with the pause still kept from then on', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const counter = allowAnonymous(core.dbFile, 1, 5)
    clock.advance(4 * 60 * MINUTE) // the officers sit at their counters from the start of the test
    expect(await rateCounter(core, counter)).toBe('saved')
    clock.advance(MINUTE)
    expect(await rateCounter(core, counter)).toBe('saved')
    // The clock ran 3 hours fast and is put right: the two ratings above now lie in the future.
    clock.advance(-3 * 60 * MINUTE)
    expect(await rateCounter(core, counter)).toBe('saved')
    clock.advance(1_000)
    expect(await rateCounter(core, counter)).toBe('TOO_SOON')
    clock.advance(5_000)
    expect(await rateCounter(core, counter)).toBe('saved')
  })
})
