import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { getSetting } from '../../electron/core/config/config-repo'
import { serviceDay } from '../../electron/core/queue/service-day'

export interface ServedTicket {
  uid: string
  code: string
  id: number
}

/**
 * Writes a ticket that was served and completed at a counter, straight into the database file — a fixture for
 * rating tests that do not exercise the queue itself. The officer defaults to the counter's latest assignment.
 */
export function insertServedTicket(
  dbFile: string,
  options: { counterNumber: number; completedAt: number; code?: string; officerId?: number; status?: string },
): ServedTicket {
  const db = new Database(dbFile)
  try {
    db.pragma('busy_timeout = 5000')
    const counter = db.prepare('SELECT id FROM counters WHERE number = ?').pluck().get(options.counterNumber) as number
    const fieldId = db.prepare('SELECT field_id FROM counter_fields WHERE counter_id = ? LIMIT 1').pluck().get(counter)
    const officerId =
      options.officerId ??
      (db
        .prepare('SELECT officer_id FROM assignments WHERE counter_id = ? ORDER BY starts_at DESC LIMIT 1')
        .pluck()
        .get(counter) as number)
    const number = Number(db.prepare('SELECT count(*) + 1 FROM tickets').pluck().get())
    const prefix = db.prepare('SELECT prefix FROM service_fields WHERE id = ?').pluck().get(fieldId) as string
    const code = options.code ?? `${prefix}${String(number).padStart(4, '0')}`
    const uid = crypto.randomUUID()
    const issuedAt = options.completedAt - 600_000
    // The centre's service day (its zone, its reset hour), as the queue would have stamped it — not the UTC date.
    const day = serviceDay(issuedAt, getSetting(db, 'queue'))
    const info = db
      .prepare(
        `INSERT INTO tickets (uid, source, service_day, field_id, number, code, status, counter_id, officer_id,
                              issued_at, called_at, completed_at)
         VALUES (?, 'builtin', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uid,
        day,
        fieldId,
        number,
        code,
        options.status ?? 'completed',
        counter,
        officerId,
        issuedAt,
        options.completedAt - 300_000,
        (options.status ?? 'completed') === 'completed' ? options.completedAt : null,
      )
    return { uid, code, id: Number(info.lastInsertRowid) }
  } finally {
    db.close()
  }
}
