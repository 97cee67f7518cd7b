import { z } from 'zod'
import { EpochMsSchema, IdSchema, LocalizedTextSchema, line } from './common'

/** A key such as `nguoi_cao_tuoi`: stored on tickets, so it must stay stable when the label is reworded. */
export const PriorityKeySchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case key')

export const PriorityGroupSchema = z.strictObject({ key: PriorityKeySchema, label: LocalizedTextSchema })
export type PriorityGroup = z.infer<typeof PriorityGroupSchema>

/** Shown and spoken: the field's letter and four digits, so leading zeros survive (A0123). */
export const TicketCodeSchema = z
  .string()
  .max(5)
  .regex(/^[A-Z]\d{4}$/, 'a letter and four digits')

export const QueueSourceKindSchema = z.enum(['builtin', 'external'])
export type QueueSourceKind = z.infer<typeof QueueSourceKindSchema>

/** An IANA zone the centre's clock follows (Asia/Ho_Chi_Minh), whatever zone the kiosk's OS is set to. */
const TimeZoneSchema = line(64, 1).refine(isTimeZone, 'unknown time zone')

export const ExternalQueueConfigSchema = z.strictObject({
  /** The external system's snapshot address (see README, "External queue"). http(s) only. */
  url: z
    .url({ protocol: /^https?$/ })
    .max(500),
  pollSeconds: z.number().int().min(1).max(300),
  /** Send If-None-Match with the last ETag, so an unchanged queue costs a 304. */
  useEtag: z.boolean(),
  /** Data whose `generatedAt` is older than this is shown as stale (the external feed froze). */
  staleSeconds: z.number().int().min(5).max(3600),
  timeoutSeconds: z.number().int().min(1).max(60),
})
export type ExternalQueueConfig = z.infer<typeof ExternalQueueConfigSchema>

/** How the queue of this kiosk works; stored in the settings table (`queue`). */
export const QueueSettingsSchema = z
  .strictObject({
    source: QueueSourceKindSchema,
    external: ExternalQueueConfigSchema.nullable(),
    /** Ticket numbers restart at this local hour each day, in `timeZone`. */
    resetHour: z.number().int().min(0).max(23),
    timeZone: TimeZoneSchema,
    priorityGroups: z.array(PriorityGroupSchema).max(10),
    printer: z.strictObject({
      enabled: z.boolean(),
      /** The OS printer name; empty = the system's default printer. */
      deviceName: line(200),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]),
    }),
    voice: z.strictObject({
      enabled: z.boolean(),
      /** 0 … 1 */
      volume: z.number().min(0).max(1),
    }),
  })
  .refine((q) => q.source !== 'external' || q.external !== null, {
    message: 'an external queue needs its address',
    path: ['external'],
  })
export type QueueSettings = z.infer<typeof QueueSettingsSchema>

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** What the renderer needs to know about the queue's configuration. */
export const QueueOptionsSchema = z.strictObject({
  source: QueueSourceKindSchema,
  priorityGroups: z.array(PriorityGroupSchema).max(10),
  voice: z.strictObject({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  /** The centre's zone: screens show times in it, not in the OS's zone. */
  timeZone: TimeZoneSchema,
})
export type QueueOptions = z.infer<typeof QueueOptionsSchema>

export const TicketStatusSchema = z.enum(['waiting', 'called', 'serving', 'completed', 'skipped'])
export type TicketStatus = z.infer<typeof TicketStatusSchema>

/** A call as the board highlights it and the voice speaks it. */
export const QueueCallSchema = z.strictObject({
  ticketCode: TicketCodeSchema,
  counterNumber: z.number().int().min(1).max(999),
  kind: z.enum(['called', 'recalled']),
  at: EpochMsSchema,
  /** Orders calls, including two within the same millisecond. */
  eventId: IdSchema,
})
export type QueueCall = z.infer<typeof QueueCallSchema>

export const NowServingSchema = z.strictObject({
  counterId: IdSchema,
  counterNumber: z.number().int().min(1).max(999),
  officerName: line(100).nullable(),
  /** Null while the counter has no ticket. */
  ticketCode: TicketCodeSchema.nullable(),
  status: z.enum(['called', 'serving']).nullable(),
  calledAt: EpochMsSchema.nullable(),
})
export type NowServing = z.infer<typeof NowServingSchema>

export const FieldWaitingSchema = z.strictObject({
  fieldId: IdSchema,
  prefix: z.string().max(1),
  waiting: z.number().int().nonnegative(),
})

/**
 * Whether the shown data is current. `live`: the built-in queue, or the external system answered recently with
 * fresh data. `lost`: the last poll failed. `stale`: the external system answers but its data stopped moving.
 * `dataAt` is when the shown data was true, so the board can say how old it is.
 */
export const QueueConnectionSchema = z.strictObject({
  state: z.enum(['live', 'lost', 'stale']),
  dataAt: EpochMsSchema.nullable(),
})
export type QueueConnection = z.infer<typeof QueueConnectionSchema>

export const QueueBoardSchema = z.strictObject({
  source: QueueSourceKindSchema,
  serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).max(10),
  counters: z.array(NowServingSchema).max(200),
  /** Newest first; the first is the one to highlight. */
  recentCalls: z.array(QueueCallSchema).max(10),
  waiting: z.array(FieldWaitingSchema).max(50),
  connection: QueueConnectionSchema,
  generatedAt: EpochMsSchema,
})
export type QueueBoard = z.infer<typeof QueueBoardSchema>

export const PrintOutcomeSchema = z.discriminatedUnion('state', [
  /** Sent to the printer in the background; `queue:printed` tells how it went. The number is already valid. */
  z.strictObject({ state: z.literal('printing') }),
  z.strictObject({ state: z.literal('printed') }),
  /** No printer configured: the ticket is shown on screen only. */
  z.strictObject({ state: z.literal('off') }),
  z.strictObject({ state: z.literal('failed'), reason: line(300) }),
])
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>

/** How a background print of a ticket ended (`queue:printed`), for the screen still showing that ticket. */
export const TicketPrintedSchema = z.strictObject({ uid: line(64, 1), print: PrintOutcomeSchema })
export type TicketPrinted = z.infer<typeof TicketPrintedSchema>

export const IssuedTicketSchema = z.strictObject({
  uid: line(64, 1),
  code: TicketCodeSchema,
  fieldId: IdSchema,
  priorityGroup: PriorityKeySchema.nullable(),
  issuedAt: EpochMsSchema,
  /** Tickets that will be called before this one in its field. */
  peopleAhead: z.number().int().nonnegative(),
  /** From recent service times in the field; null when there is no history yet today. */
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  print: PrintOutcomeSchema,
})
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>

/** The staff-facing state of one counter. */
export const CounterQueueSchema = z.strictObject({
  counterId: IdSchema,
  counterNumber: z.number().int().min(1).max(999),
  officerName: line(100).nullable(),
  fieldIds: z.array(IdSchema).max(50),
  current: z
    .strictObject({
      code: TicketCodeSchema,
      status: z.enum(['called', 'serving']),
      priorityGroup: PriorityKeySchema.nullable(),
      calledAt: EpochMsSchema,
    })
    .nullable(),
  /** Tickets this counter could call next. */
  waiting: z.number().int().nonnegative(),
})
export type CounterQueue = z.infer<typeof CounterQueueSchema>

export const TransferTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), fieldId: IdSchema }),
  z.strictObject({ kind: z.literal('counter'), counterId: IdSchema }),
])
export type TransferTarget = z.infer<typeof TransferTargetSchema>

/**
 * One ticket as an external queue system reports it (README, "External queue JSON contract"). The field is the
 * code's letter; the counter is its number as painted above the desk. A ticket that has been called names its
 * counter and call time (the rating binds to the officer seated there then), and a completed one its completion
 * time (service times are reported from it): without them the data is refused, not guessed.
 */
export const ExternalTicketSchema = z
  .strictObject({
    /** The external system's own id; stable for the ticket's life, unique within a service day. */
    id: line(100, 1),
    code: TicketCodeSchema,
    status: TicketStatusSchema,
    counter: z.number().int().min(1).max(999).nullable(),
    priorityGroup: PriorityKeySchema.nullable(),
    issuedAt: EpochMsSchema,
    calledAt: EpochMsSchema.nullable(),
    completedAt: EpochMsSchema.nullable(),
  })
  .superRefine((t, ctx) => {
    if (t.status === 'called' || t.status === 'serving' || t.status === 'completed') {
      if (t.calledAt === null) ctx.addIssue({ code: 'custom', path: ['calledAt'], message: `a ${t.status} ticket needs calledAt` })
      if (t.counter === null) ctx.addIssue({ code: 'custom', path: ['counter'], message: `a ${t.status} ticket needs counter` })
    }
    if (t.status === 'completed' && t.completedAt === null) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'a completed ticket needs completedAt' })
    }
  })
export type ExternalTicket = z.infer<typeof ExternalTicketSchema>

/**
 * The whole answer of `GET <url>`: the day's tickets as of `generatedAt`. Two entries with one id or one code
 * make the whole answer malformed: which of them is true cannot be known, so the last good data stays on screen.
 */
export const ExternalQueueSnapshotSchema = z
  .strictObject({
    version: z.literal(1),
    /** When the external system produced this answer, epoch ms (its clock). */
    generatedAt: EpochMsSchema,
    tickets: z.array(ExternalTicketSchema).max(5000),
  })
  .superRefine((s, ctx) => {
    for (const key of ['id', 'code'] as const) {
      const seen = new Set<string>()
      s.tickets.forEach((t, i) => {
        if (seen.has(t[key])) ctx.addIssue({ code: 'custom', path: ['tickets', i, key], message: `duplicate ${key} ${t[key]}` })
        seen.add(t[key])
      })
    }
  })
export type ExternalQueueSnapshot = z.infer<typeof ExternalQueueSnapshotSchema>
