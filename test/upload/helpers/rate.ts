import crypto from 'node:crypto'
import { z } from 'zod'
import type { Clock } from '../../../electron/core/clock'
import { officerAt } from '../../../electron/core/config/config-repo'
import type { Db } from '../../../electron/core/db/open'
import { submitRating } from '../../../electron/core/ratings/rating-service'
import { chainVault } from '../../../electron/core/ratings/chain-seal'

/**
 * Writes ratings the way the kiosk does — through rating-service, each for its own completed ticket — without
 * vitest, so the kill -9 child process can use it too. The queue engine is not needed: tickets are inserted as
 * the queue would leave them when service completes.
 */
export interface SteppingClock extends Clock {
  advance(ms: number): void
}

export function steppingClock(start: number): SteppingClock {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

export interface RatingWriter {
  /** Writes one rating in its own transaction (or the caller's); returns its uuid once committed. */
  one(i: number): string
}

export function ratingWriter(
  db: Db,
  clock: SteppingClock,
  deviceId: string,
  deviceSecret: Buffer,
  stepMs = 1000,
): RatingWriter {
  const vault = chainVault(deviceSecret)
  const counterId = z.number().int().parse(db.prepare('SELECT id FROM counters WHERE number = 1').pluck().get())
  const fieldId = z.number().int().parse(db.prepare("SELECT id FROM service_fields WHERE prefix = 'A'").pluck().get())
  const insertTicket = db.prepare(
    `INSERT INTO tickets (uid, source, service_day, field_id, number, code, status, counter_id, officer_id,
                          issued_at, called_at, completed_at)
     VALUES (?, 'builtin', ?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?)`,
  )
  // Ticket numbers restart each service day: continue after what the file holds, one "day" per 9999 tickets.
  let serial = z.number().int().parse(db.prepare('SELECT count(*) FROM tickets').pluck().get())
  return {
    one(i) {
      clock.advance(stepMs)
      const now = clock.now()
      const number = (serial % 9999) + 1
      const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(serial / 9999) * 86_400_000).toISOString().slice(0, 10)
      serial++
      const uid = crypto.randomUUID()
      insertTicket.run(uid, day, fieldId, number, `A${String(number).padStart(4, '0')}`, counterId,
        officerAt(db, counterId, now), now - 60_000, now - 30_000, now)
      const negative = i % 5 === 4
      return submitRating(
        { db, clock, deviceId, vault },
        {
          ticketUid: uid,
          counterId: null,
          levelKey: negative ? 'not_satisfied' : 'very_satisfied',
          reasons: negative ? ['slow'] : [],
          comment: negative ? `Chờ lâu quá ${i} — “đợi” mãi` : '',
          language: 'vi',
        },
        { mode: 'lobby' },
      ).receipt.uuid
    },
  }
}
