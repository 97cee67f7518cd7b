import type {
  CounterQueue,
  IssuedTicket,
  PrintOutcome,
  QueueBoard,
  QueueConnection,
  QueueOptions,
  QueueSettings,
} from '../../../shared/schemas/queue'
import type { RatingWithdrawn } from '../../../shared/schemas/rating'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { getSetting, listFields } from '../config/config-repo'
import type { Db } from '../db/open'
import type { Logger } from '../dispatch'
import { AppError } from '../errors'
import type { EventHub } from '../event-hub'
import { offerTicket, supersedeOffers } from '../ratings/rating-offers'
import { openRatingAtCounter } from '../ratings/rating-service'
import { recordSystemEvent } from '../system/system-events'
import { buildBoard } from './board'
import { applySnapshot, type IngestResult } from './external-ingest'
import { createExternalPoller, nextConnection } from './external-source'
import { actAtCounter, counterQueue, issueTicket, type CounterAction } from './queue-engine'
import { callByEventId, peopleAhead, recentServiceMs, staffedCounters } from './queue-repo'
import { renderReceipt } from './receipt'
import { nextDayStart } from './service-day'
import type { TicketRow } from './ticket-repo'

/** Prints one receipt; rejects with a reason when the printer is missing, offline or refuses the job. */
export type TicketPrinter = (job: { html: string; deviceName: string; paperWidthMm: 58 | 80 }) => Promise<void>

export interface QueueServiceDeps {
  db: Db
  clock: Clock
  hub: EventHub
  deviceId: string
  log: Logger
  /** The shell's printer (Electron); absent under the web host. */
  printer?: TicketPrinter
}

export interface QueueService {
  options(): QueueOptions
  board(): QueueBoard
  take(fieldId: number, priorityGroup: string | null): Promise<IssuedTicket>
  counter(counterId: number): CounterQueue
  /**
   * One counter action. `authorize` runs first inside the write transaction and names who acts (it throws to
   * refuse, and then nothing is written); the action and its audit entry commit together or not at all.
   */
  act(counterId: number, action: CounterAction, authorize: (now: number) => Actor): CounterQueue
  /** Starts the external poller (external source) and the timer that refreshes the board at the day change. */
  start(): void
  stop(): void
  /** One poll of the external system now (tests; the poller's loop uses it too). */
  pollNow(): Promise<void>
}

/**
 * The queue as the rest of the app sees it. The source (built-in engine or external mirror) is chosen by the
 * `queue` setting at start; both fill the same tables, so the board, the push events and the rating link are
 * one implementation. Every change is pushed (`queue:changed`, `queue:called`) — the renderer never polls.
 */
export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { db, clock, hub, log } = deps
  const settings = (): QueueSettings => getSetting(db, 'queue')
  const startSource = settings().source
  let connection: QueueConnection = startSource === 'builtin' ? { state: 'live', dataAt: null } : { state: 'lost', dataAt: null }
  let stopped = false
  let reportedLost = false
  /** The connection as the last snapshot left it: a 304 confirms that snapshot, stale or not. */
  let lastSnapshot: QueueConnection | null = null
  let pollTimer: NodeJS.Timeout | null = null
  let dayTimer: NodeJS.Timeout | null = null
  const external = startSource === 'external' ? settings().external : null
  const poller = external === null ? null : createExternalPoller(external)

  const board = (): QueueBoard => {
    const now = clock.now()
    const live: QueueConnection = startSource === 'builtin' ? { state: 'live', dataAt: now } : connection
    return buildBoard(db, now, { ...settings(), source: startSource }, live)
  }

  function publish(callEventIds: readonly number[], completed: readonly TicketRow[]): void {
    hub.emit('queue:changed', board())
    for (const id of callEventIds) {
      const call = callByEventId(db, id)
      if (call !== null) hub.emit('queue:called', call)
    }
    updateRatingOffers(completed)
  }

  /**
   * Counter mode's rating offers follow the queue: a completed ticket becomes its counter's offer, and a call,
   * recall or serve of another ticket at that counter ends the offer (the next citizen must not rate the previous
   * visit). Completions first: an external snapshot may carry a completion and the next call together. Runs after
   * the queue's own commit; a failure here is logged and leaves the queue change standing.
   */
  function updateRatingOffers(completed: readonly TicketRow[]): void {
    let withdrawn: RatingWithdrawn[] = []
    try {
      withdrawn = db
        .transaction(() => {
          const now = clock.now()
          const ended: RatingWithdrawn[] = []
          for (const ticket of completed) {
            if (ticket.counter_id === null) continue
            const previous = offerTicket(db, ticket.id, ticket.counter_id, now)
            if (previous !== null) ended.push(previous)
          }
          return [...ended, ...supersedeOffers(db, now)]
        })
        .immediate()
    } catch (error) {
      log.error('rating offers not updated', error)
    }
    for (const offer of withdrawn) hub.emit('rating:withdrawn', offer)
    for (const ticket of completed) requestRating(ticket)
  }

  /**
   * Counter mode: the screen of the counter that completed the ticket opens its rating — the hub's own screen in
   * counter mode, or a paired counter screen of the centre network. Pushed for every counter; each screen takes
   * only its own counter's offer.
   */
  function requestRating(ticket: TicketRow): void {
    if (ticket.counter_id === null) return
    try {
      const { offer } = openRatingAtCounter({ db, clock, deviceId: deps.deviceId }, ticket.counter_id)
      if (offer !== null && offer.ticketUid === ticket.uid) hub.emit('rating:requested', offer)
      // Not offered (no officer bound, window passed): the completion itself stands.
      else log.info(`ticket ${ticket.code} completed without a rating`)
    } catch (error) {
      log.error(`ticket ${ticket.code}: rating not offered`, error)
    }
  }

  function requireBuiltin(): QueueSettings {
    const s = settings()
    if (startSource !== 'builtin') throw new AppError('CONFLICT', 'the queue is run by the external queue system')
    return s
  }

  /**
   * Starts printing a committed ticket and answers at once: the citizen has the number whatever the printer does,
   * and never waits on it. A printer job that fails or throws (the receipt template included) is reported, never
   * rethrown: an error after the commit must not make the citizen tap again and take a second number.
   */
  function print(ticket: TicketRow, issued: Omit<IssuedTicket, 'print'>, s: QueueSettings): PrintOutcome {
    if (!s.printer.enabled) return { state: 'off' }
    const printer = deps.printer
    if (printer === undefined) return printFailed(ticket, 'no printer in this shell (web host)')
    void (async (): Promise<PrintOutcome> => {
      try {
        const field = listFields(db).find((f) => f.id === ticket.field_id)
        const html = await renderReceipt({
          centreName: getSetting(db, 'centre').name.vi,
          fieldName: field?.name.vi ?? '',
          code: ticket.code,
          uid: ticket.uid,
          priorityLabel: s.priorityGroups.find((g) => g.key === ticket.priority_group)?.label.vi ?? null,
          issuedAt: ticket.issued_at,
          timeZone: s.timeZone,
          peopleAhead: issued.peopleAhead,
          estimatedWaitMinutes: issued.estimatedWaitMinutes,
          paperWidthMm: s.printer.paperWidthMm,
        })
        await printer({ html, deviceName: s.printer.deviceName, paperWidthMm: s.printer.paperWidthMm })
        return { state: 'printed' }
      } catch (error) {
        if (stopped) return { state: 'failed', reason: 'stopped' }
        return printFailed(ticket, error instanceof Error ? error.message : String(error))
      }
    })()
      .then((outcome) => {
        if (!stopped) hub.emit('queue:printed', { uid: ticket.uid, print: outcome })
      })
      .catch((error: unknown) => log.error(`ticket ${ticket.code}: print outcome not reported`, error))
    return { state: 'printing' }
  }

  /** The citizen gets the ticket on screen either way; IT sees why the printer did not print it. */
  function printFailed(ticket: TicketRow, why: string): PrintOutcome {
    const outcome: PrintOutcome = { state: 'failed', reason: why.slice(0, 300) || 'printing failed' }
    const event = recordSystemEvent(db, clock.now(), 'queue.print_failed', JSON.stringify({ code: ticket.code, ...outcome }))
    hub.emit('system:event', event)
    return outcome
  }

  async function pollNow(): Promise<void> {
    if (poller === null || external === null) return
    const outcome = await poller.poll(lastSnapshot?.state !== 'stale')
    if (stopped) return
    const now = clock.now()
    const next = nextConnection(connection, outcome, now, external.staleSeconds, lastSnapshot)
    let ingest: IngestResult = { changed: false, callEventIds: [], completed: [], rejected: 0, vanished: 0 }
    if (outcome.kind === 'snapshot') {
      ingest = applySnapshot(db, now, settings(), outcome.snapshot)
      lastSnapshot = next
    }
    // IT hears once when the feed goes bad and once when it is back, not on every poll in between.
    if (reportedLost === (next.state === 'live')) {
      reportedLost = !reportedLost
      const detail = outcome.kind === 'failed' ? outcome.reason : next.state
      const kind = reportedLost ? 'queue.source_lost' : 'queue.source_restored'
      hub.emit('system:event', recordSystemEvent(db, now, kind, JSON.stringify({ detail })))
    }
    const connectionChanged = next.state !== connection.state || next.dataAt !== connection.dataAt
    connection = next
    if (ingest.rejected > 0) log.info(`external queue: ${ingest.rejected} tickets refused (unknown field or counter)`)
    if (ingest.vanished > 0) log.info(`external queue: ${ingest.vanished} open tickets no longer listed, marked skipped`)
    if (ingest.changed || connectionChanged) publish(ingest.callEventIds, ingest.completed)
  }

  function schedulePoll(): void {
    if (stopped || external === null) return
    pollTimer = setTimeout(() => {
      pollNow()
        .catch((error: unknown) => log.error('external queue poll failed', error))
        .finally(schedulePoll)
    }, external.pollSeconds * 1000)
    pollTimer.unref()
  }

  function scheduleDayChange(): void {
    if (stopped) return
    const wait = Math.max(1000, nextDayStart(clock.now(), settings()) - clock.now())
    dayTimer = setTimeout(() => {
      publish([], [])
      scheduleDayChange()
    }, wait)
    dayTimer.unref()
  }

  return {
    options: () => {
      const s = settings()
      return { source: startSource, priorityGroups: s.priorityGroups, voice: s.voice, timeZone: s.timeZone }
    },
    board,
    async take(fieldId, priorityGroup) {
      const s = requireBuiltin()
      const { ticket, issued } = db
        .transaction(() => {
          const now = clock.now()
          const row = issueTicket(db, now, s, fieldId, priorityGroup)
          const ahead = peopleAhead(db, row)
          const perTicket = recentServiceMs(db, row.field_id, row.service_day)
          const parallel = Math.max(1, staffedCounters(db, row.field_id, now))
          const estimatedWaitMinutes = perTicket === null ? null : Math.ceil((ahead * perTicket) / parallel / 60_000)
          return {
            ticket: row,
            issued: {
              uid: row.uid,
              code: row.code,
              fieldId: row.field_id,
              priorityGroup: row.priority_group,
              issuedAt: row.issued_at,
              peopleAhead: ahead,
              estimatedWaitMinutes,
            },
          }
        })
        .immediate()
      publish([], [])
      return { ...issued, print: print(ticket, issued, s) }
    },
    counter: (counterId) => counterQueue(db, clock.now(), settings(), counterId),
    act(counterId, action, authorize) {
      const s = requireBuiltin()
      const { effect, state } = db
        .transaction(() => {
          const now = clock.now()
          const actor = authorize(now)
          const before = counterQueue(db, now, s, counterId).current
          const effect = actAtCounter(db, now, s, counterId, action)
          const state = counterQueue(db, now, s, counterId)
          // The ticket acted on: the one just called for "call next", otherwise the one the counter had.
          const ticket = action.kind === 'callNext' ? state.current : before
          appendAudit(db, now, actor, {
            action: `queue.${action.kind}`,
            target: `counter:${counterId}`,
            detail: { ticket: ticket?.code ?? null, ...(action.kind === 'transfer' ? { to: action.to } : {}) },
          })
          return { effect, state }
        })
        .immediate()
      publish(effect.callEventId === null ? [] : [effect.callEventId], effect.completed === null ? [] : [effect.completed])
      return state
    },
    start() {
      scheduleDayChange()
      if (poller !== null) void pollNow().catch((error: unknown) => log.error('external queue poll failed', error)).finally(schedulePoll)
    },
    stop() {
      stopped = true
      if (pollTimer !== null) clearTimeout(pollTimer)
      if (dayTimer !== null) clearTimeout(dayTimer)
      poller?.abort()
    },
    pollNow,
  }
}
