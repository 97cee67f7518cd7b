import Database from 'better-sqlite3'
import type { RatingSubmit } from '../../shared/schemas/rating'

/** The plainest valid rating of a ticket: top level, no reasons, no comment, in Vietnamese. */
export function happyRating(ticketUid: string): RatingSubmit {
  return { ticketUid, counterId: null, levelKey: 'very_satisfied', reasons: [], comment: '', language: 'vi' }
}

/** Runs one query on the database file, opened read-only, so a test sees what is on disk, not what core says. */
export function readRows(dbFile: string, sql: string): unknown[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}
