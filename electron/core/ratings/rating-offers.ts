import { z } from 'zod'
import type { RatingWithdrawn } from '../../../shared/schemas/rating'
import type { Db } from '../db/open'
import { cached } from '../db/statements'

/**
 * Counter mode's rating offer: per counter, the one ticket whose rating that counter's citizen screen may show,
 * and how the offer ended. Core owns it so that every screen of the counter (today a window of this kiosk, later a
 * separate PC talking to the hub) gets the same truth, and an ended offer never comes back — not on the next
 * question, not after a reload, not after a restart.
 *
 * An offer ends when the citizen answers or cancels, or when the officer calls, recalls or serves another ticket at
 * that counter. The rating window is not stored as an end: it is checked on every read (see rating-service).
 */

export type OfferEnd = RatingWithdrawn['reason']

const OpenOfferSchema = z.strictObject({ counter_id: z.number().int(), ticket_id: z.number().int(), uid: z.string() })

function ended(raw: unknown, reason: OfferEnd): RatingWithdrawn {
  const row = OpenOfferSchema.parse(raw)
  return { counterId: row.counter_id, ticketUid: row.uid, reason }
}

/**
 * Offers the rating of a ticket just completed at its counter. Any other ticket the counter still offered ends as
 * superseded (returned, so its screen can be told); the same ticket offered again keeps its state, so a completion
 * seen twice (an external queue's snapshot) cannot reopen what the citizen cancelled.
 */
export function offerTicket(db: Db, ticketId: number, counterId: number, at: number): RatingWithdrawn | null {
  const existing = db.prepare('SELECT ticket_id FROM rating_offers WHERE counter_id = ?').pluck().get(counterId)
  if (existing === ticketId) return null
  const previous = endOffers(db, 'superseded', at, 'o.counter_id = ?', counterId)
  const since = db
    .prepare("SELECT max(id) FROM ticket_events WHERE ticket_id = ? AND kind = 'completed'")
    .pluck()
    .get(ticketId)
  db.prepare(
    `INSERT INTO rating_offers (counter_id, ticket_id, since_event_id, state, offered_at, ended_at)
     VALUES (@counterId, @ticketId, @since, 'open', @at, NULL)
     ON CONFLICT (counter_id) DO UPDATE SET ticket_id = @ticketId, since_event_id = @since, state = 'open',
                                            offered_at = @at, ended_at = NULL`,
  ).run({ counterId, ticketId, since: typeof since === 'number' ? since : 0, at })
  return previous[0] ?? null
}

/** The ticket id a counter offers now, if its offer is still open (the window is the caller's to check). */
export function openOfferTicket(db: Db, counterId: number): number | null {
  const id = cached(db, "SELECT ticket_id FROM rating_offers WHERE counter_id = ? AND state = 'open'", 'pluck').get(
    counterId,
  )
  return typeof id === 'number' ? id : null
}

/**
 * Ends every open offer whose counter has moved on to another ticket: a call, recall or serve of it after the
 * offered ticket's completion, or another ticket called or being served there now (an external queue's snapshot
 * may list the next call before the completion). Read from the queue's own rows, so it works the same for the
 * built-in queue and an external one, and catches up on changes committed before a crash. Recalling the offered
 * ticket itself does not end its offer.
 */
export function supersedeOffers(db: Db, at: number): RatingWithdrawn[] {
  return endOffers(
    db,
    'superseded',
    at,
    `(EXISTS (SELECT 1 FROM ticket_events e
               WHERE e.id > o.since_event_id AND e.counter_id = o.counter_id AND e.ticket_id <> o.ticket_id
                 AND e.kind IN ('called', 'recalled', 'serving'))
      OR EXISTS (SELECT 1 FROM tickets c
                  WHERE c.counter_id = o.counter_id AND c.status IN ('called', 'serving') AND c.id <> o.ticket_id))`,
  )
}

/** The citizen answered (any screen, any mode): the counter stops offering that ticket. */
export function answerOffer(db: Db, ticketId: number, at: number): RatingWithdrawn | null {
  return endOffers(db, 'answered', at, 'o.ticket_id = ?', ticketId)[0] ?? null
}

/** The citizen cancelled: only ends the offer, never rates. */
export function dismissOffer(db: Db, ticketId: number, at: number): RatingWithdrawn | null {
  return endOffers(db, 'dismissed', at, 'o.ticket_id = ?', ticketId)[0] ?? null
}

function endOffers(db: Db, reason: OfferEnd, at: number, where: string, ...params: unknown[]): RatingWithdrawn[] {
  // `where` is one of the constant conditions above, so the cache holds a handful of statements, not one per call.
  const rows = cached(
    db,
    `SELECT o.counter_id, o.ticket_id, t.uid FROM rating_offers o JOIN tickets t ON t.id = o.ticket_id
      WHERE o.state = 'open' AND ${where}`,
  ).all(...params)
  if (rows.length === 0) return []
  const end = cached(db, 'UPDATE rating_offers SET state = ?, ended_at = ? WHERE counter_id = ?')
  return rows.map((raw) => {
    const offer = ended(raw, reason)
    end.run(reason, at, offer.counterId)
    return offer
  })
}
