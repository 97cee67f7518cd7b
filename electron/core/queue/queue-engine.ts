import crypto from 'node:crypto'
import { z } from 'zod'
import type { CounterQueue, QueueSettings, TransferTarget } from '../../../shared/schemas/queue'
import { officerAt } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import {
  countCallable,
  currentAtCounter,
  insertTicket,
  nextCallable,
  nextNumber,
  officerName,
  recordTicketEvent,
  updateTicket,
} from './queue-repo'
import { serviceDay } from './service-day'
import { getTicketById, type TicketRow } from './ticket-repo'

/**
 * The built-in queue: numbering, the order of calls and every counter action. Plain functions over the database;
 * each runs inside the caller's transaction, so a state change and its ticket_events row commit together.
 */

export const MAX_NUMBER = 9999

export type CounterAction =
  | { kind: 'callNext' | 'recall' | 'serve' | 'skip' | 'complete' }
  | { kind: 'transfer'; to: TransferTarget }

export interface ActionEffect {
  /** A call or recall to announce (its ticket_events id), or null. */
  callEventId: number | null
  /** The ticket the action completed, or null. */
  completed: TicketRow | null
}

const FieldSchema = z.strictObject({ prefix: z.string().regex(/^[A-Z]$/), active: z.number().int() })

export function formatCode(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(4, '0')}`
}

export function issueTicket(
  db: Db,
  at: number,
  settings: QueueSettings,
  fieldId: number,
  priorityGroup: string | null,
): TicketRow {
  const raw = db.prepare('SELECT prefix, active FROM service_fields WHERE id = ?').get(fieldId)
  if (raw === undefined) throw new AppError('NOT_FOUND', `no service field ${fieldId}`)
  const field = FieldSchema.parse(raw)
  if (field.active !== 1) throw new AppError('CONFLICT', `service field ${field.prefix} is closed`)
  if (priorityGroup !== null && !settings.priorityGroups.some((g) => g.key === priorityGroup)) {
    throw new AppError('BAD_INPUT', `unknown priority group: ${priorityGroup}`)
  }
  const day = serviceDay(at, settings)
  const number = nextNumber(db, day, fieldId)
  if (number > MAX_NUMBER) throw new AppError('CONFLICT', `field ${field.prefix} has given all ${MAX_NUMBER} numbers today`)
  const id = insertTicket(db, {
    uid: crypto.randomUUID(),
    source: 'builtin',
    externalId: null,
    serviceDay: day,
    fieldId,
    number,
    code: formatCode(field.prefix, number),
    priorityGroup,
    status: 'waiting',
    counterId: null,
    officerId: null,
    issuedAt: at,
    calledAt: null,
    completedAt: null,
  })
  recordTicketEvent(db, { ticketId: id, kind: 'issued', at, counterId: null, officerId: null })
  return mustGet(db, id)
}

function mustGet(db: Db, id: number): TicketRow {
  const row = getTicketById(db, id)
  if (row === null) throw new Error(`ticket ${id} vanished inside its transaction`)
  return row
}

const CounterRowSchema = z.strictObject({ id: z.number().int(), number: z.number().int(), active: z.number().int() })

function requireCounter(db: Db, counterId: number): { number: number } {
  const raw = db.prepare('SELECT id, number, active FROM counters WHERE id = ?').get(counterId)
  if (raw === undefined) throw new AppError('NOT_FOUND', `no counter ${counterId}`)
  const counter = CounterRowSchema.parse(raw)
  if (counter.active !== 1) throw new AppError('CONFLICT', `counter ${counter.number} is closed`)
  return counter
}

function requireCurrent(db: Db, counterId: number, allowed: readonly TicketRow['status'][]): TicketRow {
  const current = currentAtCounter(db, 'builtin', counterId)
  if (current === null) throw new AppError('CONFLICT', 'this counter has no ticket now')
  if (!allowed.includes(current.status)) {
    throw new AppError('CONFLICT', `ticket ${current.code} is ${current.status}`)
  }
  return current
}

/** Applies one counter action. Throws AppError(CONFLICT) when the counter's state does not allow it. */
export function actAtCounter(
  db: Db,
  at: number,
  settings: QueueSettings,
  counterId: number,
  action: CounterAction,
): ActionEffect {
  requireCounter(db, counterId)
  const none: ActionEffect = { callEventId: null, completed: null }
  switch (action.kind) {
    case 'callNext': {
      const busy = currentAtCounter(db, 'builtin', counterId)
      if (busy !== null) throw new AppError('CONFLICT', `finish ticket ${busy.code} first (complete, skip or transfer)`)
      const officerId = officerAt(db, counterId, at)
      // The rating binds to this officer, so a counter without one cannot call.
      if (officerId === null) throw new AppError('CONFLICT', 'no officer is assigned to this counter')
      const next = nextCallable(db, counterId, serviceDay(at, settings))
      if (next === null) throw new AppError('NOT_FOUND', 'nobody is waiting for this counter')
      updateTicket(db, next.id, {
        status: 'called',
        counterId,
        officerId,
        calledAt: at,
        completedAt: null,
        queueFieldId: null,
        queueCounterId: null,
      })
      const callEventId = recordTicketEvent(db, { ticketId: next.id, kind: 'called', at, counterId, officerId })
      return { ...none, callEventId }
    }
    case 'recall': {
      const current = requireCurrent(db, counterId, ['called'])
      const callEventId = recordTicketEvent(db, {
        ticketId: current.id,
        kind: 'recalled',
        at,
        counterId,
        officerId: current.officer_id,
      })
      return { ...none, callEventId }
    }
    case 'serve': {
      const current = requireCurrent(db, counterId, ['called'])
      updateTicket(db, current.id, { ...keep(current), status: 'serving' })
      recordTicketEvent(db, { ticketId: current.id, kind: 'serving', at, counterId, officerId: current.officer_id })
      return none
    }
    case 'skip': {
      const current = requireCurrent(db, counterId, ['called'])
      updateTicket(db, current.id, { ...keep(current), status: 'skipped' })
      recordTicketEvent(db, { ticketId: current.id, kind: 'skipped', at, counterId, officerId: current.officer_id })
      return none
    }
    case 'complete': {
      const current = requireCurrent(db, counterId, ['called', 'serving'])
      updateTicket(db, current.id, { ...keep(current), status: 'completed', completedAt: at })
      recordTicketEvent(db, { ticketId: current.id, kind: 'completed', at, counterId, officerId: current.officer_id })
      return { ...none, completed: mustGet(db, current.id) }
    }
    case 'transfer': {
      const current = requireCurrent(db, counterId, ['called', 'serving'])
      const to = action.to
      if (to.kind === 'counter') {
        if (to.counterId === counterId) throw new AppError('CONFLICT', 'a ticket cannot be transferred to its own counter')
        requireCounter(db, to.counterId)
      } else if (db.prepare('SELECT 1 FROM service_fields WHERE id = ? AND active = 1').get(to.fieldId) === undefined) {
        throw new AppError('NOT_FOUND', `no open service field ${to.fieldId}`)
      }
      // Back to waiting with the same number and code; it keeps its place by issue time in the new queue.
      updateTicket(db, current.id, {
        status: 'waiting',
        counterId: null,
        officerId: null,
        calledAt: null,
        completedAt: null,
        queueFieldId: to.kind === 'field' ? to.fieldId : null,
        queueCounterId: to.kind === 'counter' ? to.counterId : null,
      })
      recordTicketEvent(
        db,
        { ticketId: current.id, kind: 'transferred', at, counterId, officerId: current.officer_id },
        to,
      )
      return none
    }
  }
}

function keep(row: TicketRow) {
  return { counterId: row.counter_id, officerId: row.officer_id, calledAt: row.called_at, completedAt: row.completed_at }
}

const CounterInfoSchema = z.strictObject({
  number: z.number().int().min(1).max(999),
  field_ids: z.string().max(2000).nullable(),
})

/** What the staff screen of a counter shows. */
export function counterQueue(db: Db, at: number, settings: QueueSettings, counterId: number): CounterQueue {
  const raw = db
    .prepare(
      `SELECT number, (SELECT group_concat(field_id) FROM counter_fields WHERE counter_id = c.id) AS field_ids
         FROM counters c WHERE id = ?`,
    )
    .get(counterId)
  if (raw === undefined) throw new AppError('NOT_FOUND', `no counter ${counterId}`)
  const info = CounterInfoSchema.parse(raw)
  const current = currentAtCounter(db, settings.source, counterId)
  return {
    counterId,
    counterNumber: info.number,
    officerName: officerName(db, current?.officer_id ?? officerAt(db, counterId, at)),
    fieldIds: info.field_ids === null ? [] : info.field_ids.split(',').map(Number).sort((a, b) => a - b),
    current:
      current === null || (current.status !== 'called' && current.status !== 'serving') || current.called_at === null
        ? null
        : { code: current.code, status: current.status, priorityGroup: current.priority_group, calledAt: current.called_at },
    waiting: settings.source === 'builtin' ? countCallable(db, counterId, serviceDay(at, settings)) : 0,
  }
}
