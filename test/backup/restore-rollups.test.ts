import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { tempDir } from '../helpers/temp-dir'

/**
 * A restore writes another database into the live file under the live connection, whose prepared statements
 * (statements.ts) and parsed settings were cached before it. Reports must then count the restored ratings, from
 * day counts that match them — also when the backup predates the day counts (migration 12 fills them on restore).
 */
async function rate(core: Core, now: number, levelKey: string): Promise<void> {
  const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now })
  await call(core, 'rating:submit', { ticketUid: ticket.uid, counterId: null, levelKey, reasons: [], comment: '', language: 'vi' })
}

function onDisk(file: string): { rows: number; counted: number } {
  const db = new Database(file, { readonly: true })
  try {
    return {
      rows: Number(db.prepare('SELECT count(*) FROM ratings').pluck().get()),
      counted: Number(db.prepare('SELECT ifnull(sum(n), 0) FROM rating_days').pluck().get()),
    }
  } finally {
    db.close()
  }
}

async function reportTotal(core: Core): Promise<number> {
  const report = await call(core, 'reports:summary', { range: { kind: 'last', days: 7 }, groupBy: 'officer' })
  return report.total.total
}

/** Takes a backup file back to schema 11: no day counts, no triggers, migration 11's indexes. */
function downgradeTo11(file: string): void {
  const db = new Database(file)
  try {
    db.exec(`
      DROP TRIGGER ratings_count_insert; DROP TRIGGER ratings_count_delete; DROP TRIGGER ratings_count_update;
      DROP TABLE rating_days; DROP TABLE rating_day_reasons;
      DROP INDEX outbox_dead;
      DROP INDEX outbox_pending; CREATE INDEX outbox_pending ON outbox (state, id);
      DROP INDEX ratings_by_officer;
      CREATE INDEX ratings_by_officer ON ratings (officer_id, created_at, level, scale, level_key);
      DROP INDEX ratings_by_time;
      CREATE INDEX ratings_by_time ON ratings (created_at, officer_id, counter_id, field_id, level, scale, level_key);
      DROP INDEX ratings_with_reasons;
      CREATE INDEX ratings_with_reasons ON ratings (created_at, officer_id, counter_id, field_id, reasons) WHERE reasons <> '[]';
    `)
    db.pragma('user_version = 11')
  } finally {
    db.close()
  }
}

describe('reports after a restore', () => {
  for (const before12 of [false, true]) {
    it(`count the restored ratings, then the new ones (backup ${before12 ? 'before' : 'after'} migration 12)`, async () => {
      const clock = fixedClock()
      const core = testCore({ dataDir: tempDir(), clock, pinCost: cheapCost })
      for (const level of ['satisfied', 'very_satisfied', 'satisfied']) {
        clock.advance(1000)
        await rate(core, clock.now(), level)
      }
      await loginAdmin(core)
      expect(await reportTotal(core)).toBe(3) // every cached statement of the report path is warm now
      const { file } = await call(core, 'backup:now', { folder: null })
      if (before12) downgradeTo11(file)
      await call(core, 'auth:logout', {})
      for (let i = 0; i < 4; i++) {
        clock.advance(1000)
        await rate(core, clock.now(), 'satisfied')
      }
      await loginAdmin(core)
      expect(await reportTotal(core)).toBe(7)

      await call(core, 'backup:restore', { name: path.basename(file), confirm: true })
      expect(onDisk(core.dbFile)).toEqual({ rows: 3, counted: 3 })
      await loginAdmin(core)
      expect(await reportTotal(core)).toBe(3)

      // The write path's cached statements and the chain go on from the restored head.
      await call(core, 'auth:logout', {})
      clock.advance(1000)
      await rate(core, clock.now(), 'very_satisfied')
      expect(onDisk(core.dbFile)).toEqual({ rows: 4, counted: 4 })
      await loginAdmin(core)
      expect(await reportTotal(core)).toBe(4)
    })
  }
})
