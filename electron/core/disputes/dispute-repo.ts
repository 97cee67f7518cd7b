import crypto from 'node:crypto'
import { z } from 'zod'
import type { DisputeStatus, DisputeView } from '../../../shared/schemas/staff'
import { DisputeViewSchema } from '../../../shared/schemas/staff'
import type { Db } from '../db/open'
import { AppError } from '../errors'

const SELECT = `SELECT d.id, d.uuid, d.rating_id AS ratingId, r.created_at AS ratingAt, r.ticket_code AS ticketCode,
       r.level_label AS levelLabel, r.comment, r.officer_name AS officerName, d.note, d.created_at AS createdAt,
       d.status, d.resolution_note AS resolutionNote, d.resolved_at AS resolvedAt, s.display_name AS resolvedBy
  FROM disputes d JOIN ratings r ON r.id = d.rating_id LEFT JOIN staff_accounts s ON s.id = d.resolved_by`

function parse(raw: unknown): DisputeView {
  return DisputeViewSchema.parse(raw)
}

export function getDispute(db: Db, id: number): DisputeView | null {
  const raw = db.prepare(`${SELECT} WHERE d.id = ?`).get(id)
  return raw === undefined ? null : parse(raw)
}

export function listDisputes(db: Db, status: 'open' | 'all'): DisputeView[] {
  return db
    .prepare(`${SELECT} WHERE (? = 'all' OR d.status = 'open') ORDER BY d.status = 'open' DESC, d.created_at DESC LIMIT 500`)
    .all(status)
    .map(parse)
}

/**
 * Records one state change of a dispute as an immutable event and queues it for upload: one outbox row per state
 * change, so the collector receives the opening and the outcome each exactly once (PROTOCOL.md, /v1/disputes).
 * The caller's transaction covers the dispute row, the event and the outbox row together.
 */
function queueEvent(db: Db, disputeId: number, state: DisputeStatus, note: string, actorName: string, at: number): void {
  const eventId = db
    .prepare('INSERT INTO dispute_events (dispute_id, state, note, actor, at) VALUES (?, ?, ?, ?, ?)')
    .run(disputeId, state, note, actorName.slice(0, 100), at).lastInsertRowid
  db.prepare("INSERT INTO outbox (kind, ref_id, state) VALUES ('dispute', ?, 'pending')").run(eventId)
}

/**
 * Opens a dispute on a rating bound to `officerId` (an officer can only dispute their own ratings). The ratings
 * row is only read: a dispute never edits or hides a rating, it sits beside it.
 */
export function openDispute(
  db: Db,
  officerId: number,
  ratingId: number,
  note: string,
  actorName: string,
  at: number,
): number {
  const owner = z
    .number()
    .int()
    .optional()
    .parse(db.prepare('SELECT officer_id FROM ratings WHERE id = ?').pluck().get(ratingId))
  if (owner !== officerId) throw new AppError('NOT_FOUND', `no rating ${ratingId} of this officer`)
  let id: number
  try {
    id = Number(
      db
        .prepare(
          `INSERT INTO disputes (uuid, rating_id, officer_id, note, created_at, status) VALUES (?, ?, ?, ?, ?, 'open')`,
        )
        .run(crypto.randomUUID(), ratingId, officerId, note, at).lastInsertRowid,
    )
  } catch (error) {
    if (error instanceof Error && /UNIQUE/.test(error.message)) throw new AppError('CONFLICT', 'already disputed')
    throw error
  }
  queueEvent(db, id, 'open', note, actorName, at)
  return id
}

export function resolveDispute(
  db: Db,
  id: number,
  outcome: 'upheld' | 'rejected',
  note: string,
  by: { id: number | null; name: string },
  at: number,
): void {
  const changed = db
    .prepare(
      `UPDATE disputes SET status = ?, resolution_note = ?, resolved_by = ?, resolved_at = ?
        WHERE id = ? AND status = 'open'`,
    )
    .run(outcome, note, by.id, at, id).changes
  if (changed === 0) throw new AppError(getDispute(db, id) ? 'CONFLICT' : 'NOT_FOUND', `dispute ${id} is not open`)
  queueEvent(db, id, outcome, note, by.name, at)
}
