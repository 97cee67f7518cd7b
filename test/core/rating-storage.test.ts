import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { happyRating } from '../helpers/ratings'
import { insertServedTicket } from '../helpers/tickets'

/**
 * What the database itself guarantees about ratings, tested below the service: a check in TypeScript can be
 * deleted or raced, so these tests go around it (raw SQL, injected failures) and expect SQLite to hold the line.
 */

function withDb<T>(dbFile: string, work: (db: Database.Database) => T): T {
  const db = new Database(dbFile)
  try {
    db.pragma('busy_timeout = 5000')
    return work(db)
  } finally {
    db.close()
  }
}

/** A second row copied from rating `id`, with a fresh uuid and seq: only `ticket_id` is left to decide. */
const copyRating = `
  INSERT INTO ratings (uuid, seq, ticket_id, ticket_code, counter_id, officer_id, field_id, officer_name,
                       counter_number, field_prefix, level, level_key, level_label, scale, reasons, comment,
                       language, mode, created_at, link)
  SELECT @uuid, @seq, @ticketId, ticket_code, counter_id, officer_id, field_id, officer_name,
         counter_number, field_prefix, level, level_key, level_label, scale, reasons, comment,
         language, mode, created_at, link
    FROM ratings WHERE id = @id`

describe('the ratings table', () => {
  it('refuses a second rating of the same ticket by itself, with no help from the service', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const first = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
    const other = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: clock.now() })
    expect((await core.invoke('rating:submit', happyRating(first.uid), TEST_CLIENT)).ok).toBe(true)
    withDb(core.dbFile, (db) => {
      const id = db.prepare('SELECT id FROM ratings').pluck().get() as number
      const copy = db.prepare(copyRating)
      expect(() => copy.run({ id, uuid: 'copy-1', seq: 2, ticketId: first.id })).toThrow(
        expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: expect.stringContaining('ticket_id') }),
      )
      // The same copy for another ticket, or for none (a counter that rates without tickets), is accepted: the
      // refusal above is about the ticket and nothing else in the row.
      copy.run({ id, uuid: 'copy-2', seq: 2, ticketId: other.id })
      copy.run({ id, uuid: 'copy-3', seq: 3, ticketId: null })
      copy.run({ id, uuid: 'copy-4', seq: 4, ticketId: null })
      expect(db.prepare('SELECT ticket_id FROM ratings ORDER BY seq').pluck().all()).toEqual([first.id, other.id, null, null])
    })
  })
})

describe('a rating, its outbox entry and its chain link are one transaction', () => {
  // Each trigger fails one write after the rating row was inserted. Were that write done after COMMIT, the rating
  // would stay behind without its outbox entry (never uploaded) or without moving the chain head (broken chain).
  const failures: [string, string][] = [
    ['the outbox entry', 'CREATE TRIGGER fail_here BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, \'disk full\'); END'],
    ['the chain head', 'CREATE TRIGGER fail_here BEFORE UPDATE ON chain_head BEGIN SELECT RAISE(ABORT, \'disk full\'); END'],
  ]

  it.each(failures)('a failure writing %s leaves no rating, no outbox row and the chain head as it was', async (_, trigger) => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 3, completedAt: clock.now() })
    const headBefore = withDb(core.dbFile, (db) => db.prepare('SELECT seq, link, key FROM chain_head').get())
    withDb(core.dbFile, (db) => db.exec(trigger))

    const result = await core.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)
    // INTERNAL is the answer the citizen screen turns into its apology (not a refusal they could fix).
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    withDb(core.dbFile, (db) => {
      expect(db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(0)
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0)
      expect(db.prepare('SELECT seq, link, key FROM chain_head').get()).toEqual(headBefore)
      expect(db.prepare("SELECT detail FROM system_events WHERE kind = 'rating.failed'").pluck().all()).toEqual([
        expect.stringContaining('disk full'),
      ])
      db.exec('DROP TRIGGER fail_here')
    })

    // Nothing was half-written: once the fault is gone the same ticket rates normally, as seq 1.
    expect(await core.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)).toMatchObject({ ok: true, value: { seq: 1 } })
  })
})
