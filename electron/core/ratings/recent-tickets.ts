import { RECENT_TICKETS_MAX, type RecentTickets } from '../../../shared/schemas/rating'
import { getSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { serviceDay } from '../queue/service-day'

/**
 * How far back the lobby's tiles reach. Short on purpose: a tile is the same as typing that code on the pad
 * (which accepts any code for the whole lobby window, 2 hours by default), so the tiles add no new power — they
 * only make the last few numbers one tap away. Ten minutes covers the walk from the counter to the lobby kiosk,
 * while keeping the list small enough that a citizen finds their own number at a glance.
 */
export const RECENT_TILE_MS = 10 * 60_000

const DAY_MS = 24 * 3_600_000

/**
 * Lobby mode: the tickets completed in the last minutes (never further back than the lobby window) that can still
 * be rated — served at a counter by a known officer and not rated — newest first, one per code.
 */
export function recentTickets(db: Db, now: number): RecentTickets {
  const form = getSetting(db, 'ratingForm')
  const since = now - Math.min(RECENT_TILE_MS, form.lobbyWindowMinutes * 60_000)
  // A ticket's service day is the day it was issued; one issued before midnight and completed after still counts.
  // The bound lets SQLite use the (service_day, …) index instead of reading every completed ticket ever stored.
  const fromDay = serviceDay(since - DAY_MS, getSetting(db, 'queue'))
  const rows = db
    .prepare(
      `SELECT t.code AS ticketCode, c.number AS counterNumber, t.completed_at AS completedAt
         FROM tickets t JOIN counters c ON c.id = t.counter_id
        WHERE t.service_day >= ? AND t.status = 'completed' AND t.officer_id IS NOT NULL
          AND t.completed_at >= ? AND t.completed_at <= ?
          AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id)
        ORDER BY t.completed_at DESC, t.id DESC`,
    )
    .all(fromDay, since, now) as { ticketCode: string; counterNumber: number; completedAt: number }[]
  // The pad looks a code up as its latest ticket, so a tile shows each code once: the newest, the one it rates.
  const seen = new Set<string>()
  const tickets = rows.filter((r) => !seen.has(r.ticketCode) && seen.add(r.ticketCode))
  return { tickets: tickets.slice(0, RECENT_TICKETS_MAX) }
}
