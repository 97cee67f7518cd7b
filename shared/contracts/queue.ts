import { z } from 'zod'
import { IdSchema } from '../schemas/common'
import {
  CounterQueueSchema,
  IssuedTicketSchema,
  PriorityKeySchema,
  QueueBoardSchema,
  QueueCallSchema,
  QueueOptionsSchema,
  TicketPrintedSchema,
  TransferTargetSchema,
} from '../schemas/queue'
import { anyone, counterStaff, counterStaffRefresh, onDevices } from './access'
import { NoInputSchema, call } from './call'

const AtCounter = z.strictObject({ counterId: IdSchema })

export const queueCalls = {
  /** Now serving per counter, recent calls, waiting per field and whether the data is current. */
  'queue:board': call(NoInputSchema, QueueBoardSchema, anyone),
  'queue:options': call(NoInputSchema, QueueOptionsSchema, anyone),
  /**
   * Lobby: take a number in a field, optionally in a priority group. Answers as soon as the number is committed;
   * printing follows in the background (`print.state = 'printing'`, then `queue:printed`).
   */
  'queue:take': call(
    z.strictObject({ fieldId: IdSchema, priorityGroup: PriorityKeySchema.nullable() }),
    IssuedTicketSchema,
    onDevices(anyone, ['lobby']),
  ),
  /** Staff: the counter's current ticket and how many it could call. */
  'queue:counter': call(AtCounter, CounterQueueSchema, counterStaffRefresh),
  'queue:callNext': call(AtCounter, CounterQueueSchema, counterStaff),
  'queue:recall': call(AtCounter, CounterQueueSchema, counterStaff),
  /** The citizen has arrived at the counter: the service time starts. */
  'queue:serve': call(AtCounter, CounterQueueSchema, counterStaff),
  /** No-show. */
  'queue:skip': call(AtCounter, CounterQueueSchema, counterStaff),
  /** Back to waiting, in another field's queue or for one counter, with the same number. */
  'queue:transfer': call(z.strictObject({ counterId: IdSchema, to: TransferTargetSchema }), CounterQueueSchema, counterStaff),
  /** Service done: in counter mode this opens the rating for the officer who served. */
  'queue:complete': call(AtCounter, CounterQueueSchema, counterStaff),
}

export const queueEvents = {
  /** The board changed (a ticket taken, called, completed; the external feed lost or back). */
  'queue:changed': QueueBoardSchema,
  /** A ticket was called or recalled: the board highlights it and the voice announces it. */
  'queue:called': QueueCallSchema,
  /** A ticket's receipt printed or failed: the ticket screen shows the fallback if it failed. */
  'queue:printed': TicketPrintedSchema,
  /** IT saved the printer, voice or priority groups: open screens take the new options without a reload. */
  'queue:options': QueueOptionsSchema,
}
