import { z } from 'zod'
import { EpochMsSchema, IdSchema, line } from '../../../shared/schemas/common'
import type { QueueCall, QueueSourceKind, TicketStatus } from '../../../shared/schemas/queue'
import type { Db } from '../db/open'
import { parseTicket, ticketColumns, type TicketRow } from './ticket-repo'

/** Queue queries and writes on the tickets tables, shared by the built-in engine and the external mirror. */

const t = ticketColumns.replace(/(^|, )/g, '$1t.')

export type TicketEventKind = 'issued' | 'called' | 'recalled' | 'serving' | 'skipped' | 'transferred' | 'completed'

export function recordTicketEvent(
  db: Db,
  e: { ticketId: number; kind: TicketEventKind; at: number; counterId: number | null; officerId: number | null },
  detail: Record<string, unknown> = {},
): number {
  const info = db
    .prepare(
      'INSERT INTO ticket_events (ticket_id, at, kind, counter_id, officer_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(e.ticketId, e.at, e.kind, e.counterId, e.officerId, JSON.stringify(detail))
  return Number(info.lastInsertRowid)
}

/** The next running number of a field on a service day: one more than the highest ever given that day. */
export function nextNumber(db: Db, serviceDay: string, fieldId: number): number {
  const max = db
    .prepare('SELECT coalesce(max(number), 0) FROM tickets WHERE service_day = ? AND field_id = ?')
    .pluck()
    .get(serviceDay, fieldId)
  return z.number().int().parse(max) + 1
}

export interface NewTicket {
  uid: string
  source: QueueSourceKind
  externalId: string | null
  serviceDay: string
  fieldId: number
  number: number
  code: string
  priorityGroup: string | null
  status: TicketStatus
  counterId: number | null
  officerId: number | null
  issuedAt: number
  calledAt: number | null
  completedAt: number | null
}

export function insertTicket(db: Db, n: NewTicket): number {
  const info = db
    .prepare(
      `INSERT INTO tickets (uid, source, external_id, service_day, field_id, number, code, priority_group, status,
                            counter_id, officer_id, issued_at, called_at, completed_at)
       VALUES (@uid, @source, @externalId, @serviceDay, @fieldId, @number, @code, @priorityGroup, @status,
               @counterId, @officerId, @issuedAt, @calledAt, @completedAt)`,
    )
    .run(n)
  return Number(info.lastInsertRowid)
}

export interface TicketChange {
  status: TicketStatus
  counterId: number | null
  officerId: number | null
  calledAt: number | null
  completedAt: number | null
  /** Where a waiting ticket waits: another field's queue, or one counter (transfers). Null: its own field. */
  queueFieldId?: number | null
  queueCounterId?: number | null
}

export function updateTicket(db: Db, id: number, c: TicketChange): void {
  db.prepare(
    `UPDATE tickets SET status = @status, counter_id = @counterId, officer_id = @officerId, called_at = @calledAt,
            completed_at = @completedAt,
            queue_field_id = CASE WHEN @setQueue THEN @queueFieldId ELSE queue_field_id END,
            queue_counter_id = CASE WHEN @setQueue THEN @queueCounterId ELSE queue_counter_id END
      WHERE id = @id`,
  ).run({
    id,
    status: c.status,
    counterId: c.counterId,
    officerId: c.officerId,
    calledAt: c.calledAt,
    completedAt: c.completedAt,
    setQueue: c.queueFieldId !== undefined || c.queueCounterId !== undefined ? 1 : 0,
    queueFieldId: c.queueFieldId ?? null,
    queueCounterId: c.queueCounterId ?? null,
  })
}

/** The ticket a counter is handling (called or being served), if any. */
export function currentAtCounter(db: Db, source: QueueSourceKind, counterId: number): TicketRow | null {
  return parseTicket(
    db
      .prepare(
        `SELECT ${t} FROM tickets t WHERE t.counter_id = ? AND t.source = ? AND t.status IN ('called', 'serving')
          ORDER BY t.called_at DESC, t.id DESC LIMIT 1`,
      )
      .get(counterId, source),
  )
}

/**
 * The order in which a counter calls waiting tickets, stated once for the call itself (`nextCallable`) and for
 * the count printed on a new ticket (`peopleAhead`). Each key sorts ascending, the first difference decides:
 * 1. tickets transferred to this very counter (the citizen was sent here after waiting once already);
 * 2. then priority groups;
 * 3. then first come, first served by issue time;
 * 4. then the ticket id, so two tickets issued in the same millisecond still have one fixed order.
 */
function callOrderKeys(alias: string): string[] {
  return [
    `${alias}.queue_counter_id IS NULL`,
    `${alias}.priority_group IS NULL`,
    `${alias}.issued_at`,
    `${alias}.id`,
  ]
}

/** Waiting tickets a counter may call: its own transfers, and every field it serves. */
const callable = `
  FROM tickets t
 WHERE t.status = 'waiting' AND t.source = 'builtin' AND t.service_day = @day
   AND (t.queue_counter_id = @counterId
        OR (t.queue_counter_id IS NULL AND coalesce(t.queue_field_id, t.field_id) IN
              (SELECT field_id FROM counter_fields WHERE counter_id = @counterId)))`

export function nextCallable(db: Db, counterId: number, day: string): TicketRow | null {
  return parseTicket(
    db
      .prepare(`SELECT ${t} ${callable} ORDER BY ${callOrderKeys('t').join(', ')} LIMIT 1`)
      .get({ counterId, day }),
  )
}

export function countCallable(db: Db, counterId: number, day: string): number {
  return z.number().int().parse(db.prepare(`SELECT count(*) ${callable}`).pluck().get({ counterId, day }))
}

/**
 * Tickets of the same field queue that will be called before `ticket`: those whose call-order keys come first
 * (a row-value comparison over the same keys as `nextCallable`'s ORDER BY).
 */
export function peopleAhead(db: Db, ticket: TicketRow): number {
  const n = db
    .prepare(
      `SELECT count(*) FROM tickets t JOIN tickets me ON me.id = @id
        WHERE t.status = 'waiting' AND t.source = 'builtin' AND t.service_day = me.service_day
          AND t.queue_counter_id IS NULL
          AND coalesce(t.queue_field_id, t.field_id) = coalesce(me.queue_field_id, me.field_id)
          AND (${callOrderKeys('t').join(', ')}) < (${callOrderKeys('me').join(', ')})`,
    )
    .pluck()
    .get({ id: ticket.id })
  return z.number().int().parse(n)
}

/** Mean time from call to completion of the field's last few completed tickets that day, or null. */
export function recentServiceMs(db: Db, fieldId: number, day: string, samples = 10): number | null {
  const avg = db
    .prepare(
      `SELECT avg(completed_at - called_at) FROM (
         SELECT completed_at, called_at FROM tickets
          WHERE service_day = ? AND coalesce(queue_field_id, field_id) = ? AND status = 'completed'
            AND called_at IS NOT NULL AND completed_at >= called_at
          ORDER BY completed_at DESC LIMIT ?)`,
    )
    .pluck()
    .get(day, fieldId, samples)
  return avg === null ? null : z.number().nonnegative().parse(avg)
}

/** Active counters that serve a field and have an officer now: how many citizens are served in parallel. */
export function staffedCounters(db: Db, fieldId: number, at: number): number {
  const n = db
    .prepare(
      `SELECT count(*) FROM counters c JOIN counter_fields cf ON cf.counter_id = c.id
        WHERE cf.field_id = @fieldId AND c.active = 1
          AND EXISTS (SELECT 1 FROM assignments a WHERE a.counter_id = c.id AND a.starts_at <= @at
                        AND (a.ends_at IS NULL OR a.ends_at > @at))`,
    )
    .pluck()
    .get({ fieldId, at })
  return z.number().int().parse(n)
}

const WaitingRowSchema = z.strictObject({ field_id: IdSchema, waiting: z.number().int().nonnegative() })

export function waitingByField(db: Db, source: QueueSourceKind, day: string): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT coalesce(queue_field_id, field_id) AS field_id, count(*) AS waiting FROM tickets
        WHERE service_day = ? AND source = ? AND status = 'waiting' GROUP BY 1`,
    )
    .all(day, source)
  return new Map(rows.map((raw) => WaitingRowSchema.parse(raw)).map((r) => [r.field_id, r.waiting]))
}

const CallRowSchema = z.strictObject({
  event_id: IdSchema,
  code: z.string().max(5),
  counter_number: z.number().int().min(1).max(999),
  kind: z.enum(['called', 'recalled']),
  at: EpochMsSchema,
})

const callSelect = `
  SELECT e.id AS event_id, t.code, c.number AS counter_number, e.kind, e.at
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id`

function toCall(raw: unknown): QueueCall {
  const r = CallRowSchema.parse(raw)
  return { ticketCode: r.code, counterNumber: r.counter_number, kind: r.kind, at: r.at, eventId: r.event_id }
}

/** Calls and recalls of the day, newest first. */
export function recentCalls(db: Db, source: QueueSourceKind, day: string, limit: number): QueueCall[] {
  return db
    .prepare(
      `${callSelect}
        WHERE e.kind IN ('called', 'recalled') AND t.source = ? AND t.service_day = ?
        ORDER BY e.id DESC LIMIT ?`,
    )
    .all(source, day, limit)
    .map(toCall)
}

/** One call or recall, as announced. */
export function callByEventId(db: Db, eventId: number): QueueCall | null {
  const raw = db.prepare(`${callSelect} WHERE e.id = ? AND e.kind IN ('called', 'recalled')`).get(eventId)
  return raw === undefined ? null : toCall(raw)
}

const OfficerNameSchema = z.strictObject({ full_name: line(100, 1) })

export function officerName(db: Db, officerId: number | null): string | null {
  if (officerId === null) return null
  const raw = db.prepare('SELECT full_name FROM officers WHERE id = ?').get(officerId)
  return raw === undefined ? null : OfficerNameSchema.parse(raw).full_name
}
