import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../electron/core/db/migrations'
import { openDatabase } from '../../electron/core/db/open'
import { fixedClock } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

/**
 * The migration that makes external ids unique per service day rebuilds the tickets table. A kiosk upgrading with
 * tickets and their events already stored must keep every row, its id and its links.
 */
describe('tickets table rebuild (external id per service day)', () => {
  it('keeps existing tickets, their ids and events, and then accepts an id again on another day', () => {
    const rebuild = migrations.findIndex((m) => m.includes('UNIQUE (source, service_day, external_id)'))
    expect(rebuild).toBeGreaterThan(0)
    const file = path.join(tempDir(), 'kiosk.db')
    const before = new Database(file)
    before.pragma('foreign_keys = ON')
    for (const sql of migrations.slice(0, rebuild)) before.exec(sql)
    before.pragma(`user_version = ${rebuild}`)
    before.exec(`
      INSERT INTO service_fields (id, prefix, name_vi, name_en) VALUES (1, 'A', 'Đất đai', 'Land');
      INSERT INTO counters (id, number, name_vi, name_en) VALUES (1, 1, 'Quầy 1', 'Counter 1');
      INSERT INTO tickets (id, uid, source, external_id, service_day, field_id, number, code, status, counter_id,
                           issued_at, called_at, completed_at, queue_counter_id)
        VALUES (7, 'u7', 'external', 'ext-1', '2026-11-26', 1, 1, 'A0001', 'completed', 1, 1, 2, 3, NULL),
               (9, 'u9', 'builtin', NULL, '2026-11-26', 1, 2, 'A0002', 'waiting', NULL, 4, NULL, NULL, 1);
      INSERT INTO ticket_events (ticket_id, at, kind, counter_id) VALUES (7, 3, 'completed', 1), (9, 4, 'issued', NULL);
    `)
    before.close()

    const { db } = openDatabase(file, fixedClock())
    try {
      expect(db.prepare('SELECT id, external_id, status, queue_counter_id FROM tickets ORDER BY id').all()).toEqual([
        { id: 7, external_id: 'ext-1', status: 'completed', queue_counter_id: null },
        { id: 9, external_id: null, status: 'waiting', queue_counter_id: 1 },
      ])
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.prepare('SELECT ticket_id FROM ticket_events ORDER BY id').pluck().all()).toEqual([7, 9])
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL").pluck().all()
      expect(indexes).toEqual(
        expect.arrayContaining(['tickets_waiting', 'tickets_by_code', 'tickets_by_day_status', 'tickets_by_counter']),
      )
      const insert = db.prepare(
        `INSERT INTO tickets (uid, source, external_id, service_day, field_id, number, code, status, issued_at)
         VALUES (?, 'external', 'ext-1', ?, 1, 1, 'A0001', 'waiting', 5)`,
      )
      insert.run('u-next-day', '2026-11-27')
      expect(() => insert.run('u-same-day', '2026-11-27')).toThrow(/UNIQUE/)
      // Foreign keys still hold against the new table.
      expect(() => db.prepare("INSERT INTO ticket_events (ticket_id, at, kind) VALUES (999, 1, 'issued')").run()).toThrow(
        /FOREIGN KEY/,
      )
    } finally {
      db.close()
    }
  })
})
