import { z } from 'zod'
import { EpochMsSchema, IdSchema, line } from '../../../shared/schemas/common'
import { TicketStatusSchema } from '../../../shared/schemas/queue'
import type { Db } from '../db/open'
import { cached } from '../db/statements'

export { TicketStatusSchema, type TicketStatus } from '../../../shared/schemas/queue'

export const TicketRowSchema = z.strictObject({
  id: IdSchema,
  uid: line(64, 1),
  source: z.enum(['builtin', 'external']),
  external_id: line(100).nullable(),
  service_day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  field_id: IdSchema,
  number: z.number().int().min(1).max(9999),
  code: line(10, 1),
  priority_group: line(40).nullable(),
  status: TicketStatusSchema,
  counter_id: IdSchema.nullable(),
  officer_id: IdSchema.nullable(),
  issued_at: EpochMsSchema,
  called_at: EpochMsSchema.nullable(),
  completed_at: EpochMsSchema.nullable(),
})
export type TicketRow = z.infer<typeof TicketRowSchema>

/** Every column TicketRowSchema knows, for `SELECT ${ticketColumns} FROM tickets`. */
export const ticketColumns =
  'id, uid, source, external_id, service_day, field_id, number, code, priority_group, status, counter_id, ' +
  'officer_id, issued_at, called_at, completed_at'

export function parseTicket(raw: unknown): TicketRow | null {
  return raw === undefined ? null : TicketRowSchema.parse(raw)
}

export function getTicketByUid(db: Db, uid: string): TicketRow | null {
  return parseTicket(cached(db, `SELECT ${ticketColumns} FROM tickets WHERE uid = ?`).get(uid))
}

export function getTicketById(db: Db, id: number): TicketRow | null {
  return parseTicket(cached(db, `SELECT ${ticketColumns} FROM tickets WHERE id = ?`).get(id))
}

/** The newest ticket shown with this code (codes repeat every day). */
export function findLatestByCode(db: Db, code: string): TicketRow | null {
  return parseTicket(
    db.prepare(`SELECT ${ticketColumns} FROM tickets WHERE code = ? ORDER BY issued_at DESC, id DESC LIMIT 1`).get(code),
  )
}
