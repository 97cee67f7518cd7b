import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { testCore } from '../helpers/core'

/** The queries run on every call and every board push must use an index, not scan a year of tickets. */
function plan(dbFile: string, sql: string, params: Record<string, unknown>): string {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(params)
      .map((r) => (r as { detail: string }).detail)
      .join('\n')
  } finally {
    db.close()
  }
}

describe('queue query plans', () => {
  it('finds waiting tickets, a counter’s current ticket and the day’s calls through indexes', () => {
    const core = testCore()
    const waiting = plan(
      core.dbFile,
      `SELECT id FROM tickets t WHERE t.status = 'waiting' AND t.source = 'builtin' AND t.service_day = @day
         AND (t.queue_counter_id = @c OR (t.queue_counter_id IS NULL AND coalesce(t.queue_field_id, t.field_id) IN
              (SELECT field_id FROM counter_fields WHERE counter_id = @c)))`,
      { day: '2026-11-26', c: 1 },
    )
    expect(waiting).toMatch(/SEARCH t USING INDEX tickets_by_day_status/)
    const current = plan(
      core.dbFile,
      `SELECT id FROM tickets t WHERE t.counter_id = @c AND t.source = 'builtin' AND t.status IN ('called', 'serving')`,
      { c: 1 },
    )
    expect(current).toMatch(/SEARCH t USING INDEX tickets_by_counter/)
    const byDay = plan(
      core.dbFile,
      `SELECT count(*) FROM tickets WHERE service_day = @day AND source = 'builtin' AND status = 'waiting'`,
      { day: '2026-11-26' },
    )
    expect(byDay).not.toMatch(/SCAN tickets/)
  })
})
