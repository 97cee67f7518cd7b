import type { QueueBoard, QueueConnection, QueueSettings } from '../../../shared/schemas/queue'
import { listCounters, listFields } from '../config/config-repo'
import type { Db } from '../db/open'
import { currentAtCounter, officerName, recentCalls, waitingByField } from './queue-repo'
import { serviceDay } from './service-day'

/** How many past calls the board lists under the highlighted one. */
export const RECENT_CALLS = 6

/**
 * The board, built from the tickets table whichever source filled it (the built-in engine or the external
 * mirror), so both look and behave the same on screen. Read in one transaction for a consistent picture.
 */
export function buildBoard(db: Db, at: number, settings: QueueSettings, connection: QueueConnection): QueueBoard {
  return db.transaction((): QueueBoard => {
    const day = serviceDay(at, settings)
    const waiting = waitingByField(db, settings.source, day)
    const counters = listCounters(db, at)
      .filter((c) => c.active)
      .map((c) => {
        const ticket = currentAtCounter(db, settings.source, c.id)
        const serving =
          ticket !== null && (ticket.status === 'called' || ticket.status === 'serving')
            ? { ...ticket, status: ticket.status }
            : null
        return {
          counterId: c.id,
          counterNumber: c.number,
          // The officer the ticket is bound to; the one seated now if it has none (an external call made before
          // the assignment was recorded). Display only: a rating still needs the bound officer.
          officerName: (serving !== null ? officerName(db, serving.officer_id) : null) ?? c.officer?.fullName ?? null,
          ticketCode: serving?.code ?? null,
          status: serving?.status ?? null,
          calledAt: serving?.called_at ?? null,
        }
      })
    return {
      source: settings.source,
      serviceDay: day,
      counters,
      recentCalls: recentCalls(db, settings.source, day, RECENT_CALLS),
      waiting: listFields(db)
        .filter((f) => f.active)
        .map((f) => ({ fieldId: f.id, prefix: f.prefix, waiting: waiting.get(f.id) ?? 0 })),
      connection,
      generatedAt: at,
    }
  })()
}
