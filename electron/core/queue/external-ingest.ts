import crypto from 'node:crypto'
import { z } from 'zod'
import type { ExternalQueueSnapshot, ExternalTicket, QueueSettings } from '../../../shared/schemas/queue'
import { officerAt } from '../config/config-repo'
import type { Db } from '../db/open'
import { insertTicket, recordTicketEvent, updateTicket, type TicketEventKind } from './queue-repo'
import { serviceDay } from './service-day'
import { getTicketById, parseTicket, ticketColumns, type TicketRow } from './ticket-repo'

/**
 * Mirrors an external system's snapshot into the tickets table (source = 'external'), recording each state change
 * as a ticket event like the built-in engine does. So the board, waiting and service times, and ratings by
 * number or QR work the same for both sources, and a rating binds to the officer at that counter at call time.
 */

/** Calls older than this when first seen are history (e.g. the first sync after start): shown, not announced. */
export const ANNOUNCE_WINDOW_MS = 60_000

export interface IngestResult {
  changed: boolean
  /** ticket_events ids of calls and recalls to announce. */
  callEventIds: number[]
  completed: TicketRow[]
  /** Tickets that name an unknown field or counter, or clash with a number already used that day. */
  rejected: number
  /** Open tickets the snapshot no longer lists, now marked skipped. */
  vanished: number
}

const IdRowSchema = z.strictObject({ id: z.number().int(), key: z.union([z.string(), z.number()]) })

function lookup(db: Db, sql: string): Map<string, number> {
  return new Map(
    db
      .prepare(sql)
      .all()
      .map((raw) => IdRowSchema.parse(raw))
      .map((r) => [String(r.key), r.id]),
  )
}

export function applySnapshot(db: Db, at: number, settings: QueueSettings, snapshot: ExternalQueueSnapshot): IngestResult {
  return db
    .transaction((): IngestResult => {
      const fields = lookup(db, 'SELECT id, prefix AS key FROM service_fields')
      const counters = lookup(db, 'SELECT id, number AS key FROM counters')
      const result: IngestResult = { changed: false, callEventIds: [], completed: [], rejected: 0, vanished: 0 }
      // External systems restart their ids every day: an id is only a ticket together with its service day.
      const byExternalId = db.prepare(
        `SELECT ${ticketColumns} FROM tickets WHERE source = 'external' AND service_day = ? AND external_id = ?`,
      )
      const listed = new Set<string>()
      for (const ext of snapshot.tickets) {
        const day = serviceDay(ext.issuedAt, settings)
        listed.add(dayKey(day, ext.id))
        const fieldId = fields.get(ext.code.charAt(0))
        const counterId = ext.counter === null ? null : (counters.get(String(ext.counter)) ?? -1)
        const number = Number(ext.code.slice(1))
        if (fieldId === undefined || counterId === -1 || number < 1) {
          result.rejected += 1
          continue
        }
        const previous = parseTicket(byExternalId.get(day, ext.id))
        try {
          applyOne(db, at, day, ext, { fieldId, counterId, number }, previous, result)
        } catch (error) {
          // A code already used that day by another ticket: skip this one, keep the rest of the snapshot.
          if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) {
            result.rejected += 1
            continue
          }
          throw error
        }
      }
      markVanished(db, at, listed, result)
      return result
    })
    .immediate()
}

const dayKey = (day: string, externalId: string) => `${day}\u0000${externalId}`

const OpenRowSchema = z.strictObject({
  id: z.number().int(),
  service_day: z.string(),
  external_id: z.string(),
  counter_id: z.number().int().nullable(),
  officer_id: z.number().int().nullable(),
})

/**
 * The snapshot is the external system's whole current queue: an open ticket it no longer lists was cancelled or
 * dropped there. Left waiting or called, it would inflate the waiting counts and hold a counter's tile all day.
 */
function markVanished(db: Db, at: number, listed: ReadonlySet<string>, result: IngestResult): void {
  const open = db
    .prepare(
      `SELECT id, service_day, external_id, counter_id, officer_id FROM tickets
        WHERE source = 'external' AND status IN ('waiting', 'called', 'serving') AND external_id IS NOT NULL`,
    )
    .all()
    .map((raw) => OpenRowSchema.parse(raw))
  const skip = db.prepare(`UPDATE tickets SET status = 'skipped' WHERE id = ?`)
  for (const row of open) {
    if (listed.has(dayKey(row.service_day, row.external_id))) continue
    skip.run(row.id)
    recordTicketEvent(
      db,
      { ticketId: row.id, kind: 'skipped', at, counterId: row.counter_id, officerId: row.officer_id },
      { reason: 'absent' },
    )
    result.vanished += 1
    result.changed = true
  }
}

function applyOne(
  db: Db,
  at: number,
  day: string,
  ext: ExternalTicket,
  ids: { fieldId: number; counterId: number | null; number: number },
  previous: TicketRow | null,
  result: IngestResult,
): void {
  const calledAt = ext.status === 'waiting' ? null : ext.calledAt
  // Once stored, a completion time stays: service times and the rating window are measured from it.
  const completedAt =
    ext.status !== 'completed' ? null : previous?.status === 'completed' && previous.completed_at !== null ? previous.completed_at : (ext.completedAt ?? at)
  const keepOfficer = previous !== null && previous.counter_id === ids.counterId && previous.officer_id !== null
  const officerId =
    ids.counterId === null ? null : keepOfficer ? previous.officer_id : officerAt(db, ids.counterId, calledAt ?? at)
  const change = { status: ext.status, counterId: ids.counterId, officerId, calledAt, completedAt }

  let ticketId: number
  if (previous === null) {
    ticketId = insertTicket(db, {
      uid: crypto.randomUUID(),
      source: 'external',
      externalId: ext.id,
      serviceDay: day,
      fieldId: ids.fieldId,
      number: ids.number,
      code: ext.code,
      priorityGroup: ext.priorityGroup,
      issuedAt: ext.issuedAt,
      ...change,
    })
    recordTicketEvent(db, { ticketId, kind: 'issued', at: ext.issuedAt, counterId: null, officerId: null })
  } else {
    const same =
      previous.status === change.status &&
      previous.counter_id === change.counterId &&
      previous.called_at === change.calledAt &&
      previous.completed_at === change.completedAt
    if (same) return
    ticketId = previous.id
    updateTicket(db, ticketId, change)
  }
  result.changed = true

  const before = previous?.status ?? 'waiting'
  const record = (kind: TicketEventKind, when: number) =>
    recordTicketEvent(db, { ticketId, kind, at: when, counterId: ids.counterId, officerId })
  const announce = (eventId: number, when: number) => {
    if (at - when <= ANNOUNCE_WINDOW_MS) result.callEventIds.push(eventId)
  }
  if (calledAt !== null && ids.counterId !== null) {
    if (before === 'waiting') announce(record('called', calledAt), calledAt)
    else if (ext.status === 'called' && previous?.called_at !== calledAt) announce(record('recalled', calledAt), calledAt)
  }
  if ((before === 'called' || before === 'serving') && ext.status === 'waiting') {
    recordTicketEvent(db, { ticketId, kind: 'transferred', at, counterId: previous?.counter_id ?? null, officerId: null })
  }
  if (ext.status === 'serving' && before !== 'serving') record('serving', at)
  if (ext.status === 'skipped' && before !== 'skipped') record('skipped', at)
  if (ext.status === 'completed' && before !== 'completed') {
    record('completed', completedAt ?? at)
    const row = getTicketById(db, ticketId)
    if (row !== null) result.completed.push(row)
  }
}
