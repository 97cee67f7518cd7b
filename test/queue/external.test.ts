import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../shared/channels'
import type { ExternalQueueConfig, ExternalTicket, QueueBoard } from '../../shared/schemas/queue'
import type { RatableTicket } from '../../shared/schemas/rating'
import { getSetting, putSetting } from '../../electron/core/config/config-repo'
import { openDatabase } from '../../electron/core/db/open'
import { createEventHub } from '../../electron/core/event-hub'
import { nextConnection } from '../../electron/core/queue/external-source'
import { createQueueService } from '../../electron/core/queue/queue-service'
import { lookupTicket } from '../../electron/core/ratings/rating-service'
import { startQueueServer, type QueueServer } from '../../electron/queue-server/server'
import { fixedClock, testCore } from '../helpers/core'

/**
 * The external adapter against the reference queue server over real HTTP on 127.0.0.1, polled one step at a time
 * (`pollNow`) so each fault is checked at a known moment, never by waiting on a timer.
 */

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function setup(config: Partial<ExternalQueueConfig> = {}, kioskCounter: number | null = null) {
  // 09:00 in Vietnam on 2026-11-26: the service days below are fixed, so the clock must be too.
  const clock = fixedClock(Date.parse('2026-11-26T09:00:00+07:00'))
  const server = await startQueueServer({ now: () => clock.now(), slowMs: 3000 })
  cleanup.push(() => server.close())
  const first = testCore({ clock })
  const dbFile = first.dbFile
  first.close()
  const { db } = openDatabase(dbFile, clock)
  cleanup.push(() => void db.close())
  putSetting(db, 'queue', {
    ...getSetting(db, 'queue'),
    source: 'external',
    external: { url: server.snapshotUrl, pollSeconds: 2, useEtag: true, staleSeconds: 60, timeoutSeconds: 1, ...config },
  })
  if (kioskCounter !== null) putSetting(db, 'kiosk', { ...getSetting(db, 'kiosk'), mode: 'counter', counterId: kioskCounter })
  const hub = createEventHub()
  const seen: { event: EventName; payload: unknown }[] = []
  hub.subscribe((event, payload) => seen.push({ event, payload }))
  const log = { error: () => {}, info: () => {} }
  const queue = createQueueService({ db, clock, hub, deviceId: crypto.randomUUID(), log })
  cleanup.push(() => queue.stop())
  const boards = () => seen.filter((e) => e.event === 'queue:changed').map((e) => e.payload as QueueBoard)
  const of = (name: EventName) => seen.filter((e) => e.event === name).map((e) => e.payload)
  return { clock, server, db, queue, boards, of }
}

const servingAt = (board: QueueBoard, counter: number) => board.counters.find((c) => c.counterNumber === counter)

function drive(server: QueueServer) {
  server.issue('A')
  server.issue('A', 'nguoi_cao_tuoi')
  server.issue('B')
  server.call(1, ['A'])
}

describe('external queue adapter', () => {
  it('mirrors the external queue onto the board, announces new calls and answers 304 when nothing changed', async () => {
    const { server, queue, boards, of, clock } = await setup()
    drive(server)
    await queue.pollNow()
    const board = queue.board()
    expect(board.source).toBe('external')
    expect(board.connection.state).toBe('live')
    expect(servingAt(board, 1)).toMatchObject({ ticketCode: 'A0002', officerName: 'Nguyễn Thị Hương' })
    expect(board.waiting.filter((w) => w.waiting > 0).map((w) => `${w.prefix}${w.waiting}`)).toEqual(['A1', 'B1'])
    expect(of('queue:called')).toMatchObject([{ ticketCode: 'A0002', counterNumber: 1, kind: 'called' }])
    expect(boards()).toHaveLength(1)

    clock.advance(2000)
    await queue.pollNow()
    expect(server.served).toEqual({ full: 1, notModified: 1 })
    expect(boards()).toHaveLength(2) // the data is confirmed current at a new time: the age shown restarts
    expect(queue.board().connection).toEqual({ state: 'live', dataAt: clock.now() })
    expect(of('queue:called')).toHaveLength(1) // nothing new to announce
  })

  it('keeps the last good data and shows the connection as lost on 500, malformed JSON, unknown fields and timeouts', async () => {
    const { server, queue, of, clock } = await setup()
    drive(server)
    await queue.pollNow()
    const goodAt = clock.now()
    for (const fault of ['error500', 'malformed', 'unknownField', 'slow'] as const) {
      server.setFault(fault)
      server.call(2, ['A']) // the external queue moves on; the kiosk cannot see it
      clock.advance(5000)
      await queue.pollNow()
      const board = queue.board()
      expect({ fault, connection: board.connection }).toEqual({ fault, connection: { state: 'lost', dataAt: goodAt } })
      expect(servingAt(board, 1)?.ticketCode).toBe('A0002')
      expect(servingAt(board, 2)?.ticketCode).toBeNull()
    }
    expect(of('system:event')).toMatchObject([{ kind: 'queue.source_lost' }]) // once, not once per poll
    server.setFault('none')
    clock.advance(5000)
    await queue.pollNow()
    expect(queue.board().connection.state).toBe('live')
    expect(servingAt(queue.board(), 2)?.ticketCode).toBe('A0001')
    expect(of('system:event')).toMatchObject([{ kind: 'queue.source_lost' }, { kind: 'queue.source_restored' }])
  })

  it('shows data whose generatedAt stopped moving as stale, with its age', async () => {
    const { server, queue, clock } = await setup({ useEtag: false })
    drive(server)
    server.setFault('stale')
    await queue.pollNow()
    const board = queue.board()
    expect(board.connection).toEqual({ state: 'stale', dataAt: clock.now() - 3_600_000 })
    expect(servingAt(board, 1)?.ticketCode).toBe('A0002') // stale data is still the best there is
  })

  it('refuses an unreachable system without crashing, and tickets naming unknown fields or counters', async () => {
    const { queue, server } = await setup()
    server.issue('Z') // no field Z in this centre
    server.issue('A')
    server.call(42, ['A']) // no counter 42
    await queue.pollNow()
    expect(queue.board().connection.state).toBe('live')
    expect(queue.board().waiting.every((w) => w.waiting === 0)).toBe(true)
    await server.close()
    await queue.pollNow()
    expect(queue.board().connection.state).toBe('lost')
  })

  it('a completion at this counter-mode kiosk opens the rating, and the ticket is ratable by its code', async () => {
    const { server, queue, of, db, clock } = await setup({}, 1)
    drive(server)
    await queue.pollNow()
    clock.advance(3 * 60_000)
    server.complete(1)
    await queue.pollNow()
    const requested = of('rating:requested') as RatableTicket[]
    expect(requested).toHaveLength(1)
    expect(requested[0]).toMatchObject({ ticketCode: 'A0002', counterNumber: 1 })
    expect(requested[0]?.officer.fullName).toBe('Nguyễn Thị Hương')
    expect(lookupTicket({ db, clock, deviceId: crypto.randomUUID() }, 'A0002').officer.fullName).toBe('Nguyễn Thị Hương')
    expect(queue.counter(1).current).toBeNull()
  })

  it('the built-in counter actions are refused while an external system runs the queue', async () => {
    const { queue } = await setup()
    await expect(queue.take(1, null)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(() => queue.act(1, { kind: 'callNext' }, () => ({ id: null, name: 'test' }))).toThrow(/external/)
  })

  it('refuses an answer over 5 MB unread, keeping the last good data', async () => {
    const { server, queue } = await setup()
    drive(server)
    await queue.pollNow()
    server.setFault('oversize')
    server.call(2, ['A'])
    await queue.pollNow()
    expect(queue.board().connection.state).toBe('lost')
    expect(servingAt(queue.board(), 2)?.ticketCode).toBeNull()
  })

  it('refuses a called ticket without calledAt or counter, a completed one without completedAt, and duplicates', async () => {
    const { server, queue } = await setup({ useEtag: false })
    drive(server)
    await queue.pollNow()
    const good = queue.board()
    const faults: [string, (tickets: ExternalTicket[]) => void][] = [
      ['no calledAt', (t) => void Object.assign(t[2] ?? {}, { status: 'called', counter: 3, calledAt: null })],
      ['no counter', (t) => void Object.assign(t[2] ?? {}, { status: 'serving', counter: null, calledAt: 1 })],
      ['no completedAt', (t) => void Object.assign(t[1] ?? {}, { status: 'completed', completedAt: null })],
      ['duplicate id', (t) => void t.push({ ...(t[0] as ExternalTicket), code: 'A0099' })],
      ['duplicate code', (t) => void t.push({ ...(t[0] as ExternalTicket), id: 'another' })],
    ]
    for (const [name, fault] of faults) {
      const saved = structuredClone(snapshotOf(server))
      server.mutate(fault)
      await queue.pollNow()
      expect({ name, state: queue.board().connection.state }).toEqual({ name, state: 'lost' })
      expect(queue.board().counters).toEqual(good.counters)
      expect(queue.board().waiting).toEqual(good.waiting)
      server.mutate((t) => void t.splice(0, t.length, ...saved))
      await queue.pollNow()
      expect(queue.board().connection.state).toBe('live')
    }
  })

  it('keeps the stored completion time of a completed ticket, and reports no change when nothing else moved', async () => {
    const { server, queue, db, clock, boards } = await setup({ useEtag: false })
    drive(server)
    await queue.pollNow()
    clock.advance(60_000)
    const done = server.complete(1)
    const completedAt = done?.completedAt
    await queue.pollNow()
    const stored = () => db.prepare("SELECT completed_at FROM tickets WHERE code = 'A0002'").pluck().get()
    expect(stored()).toBe(completedAt)
    const published = boards().length
    server.mutate((t) => void Object.assign(t.find((x) => x.id === done?.id) ?? {}, { completedAt: clock.now() + 5000 }))
    clock.advance(2000)
    await queue.pollNow()
    expect(stored()).toBe(completedAt)
    expect(boards().length).toBe(published + 1) // the data's time moved on; no ticket changed
    clock.advance(2000)
    await queue.pollNow()
    expect(boards().length).toBe(published + 2)
    const completions = db.prepare("SELECT count(*) FROM ticket_events WHERE kind = 'completed'").pluck().get()
    expect(completions).toBe(1)
  })

  it('an id the external system reuses on a later day is a new ticket, not yesterday\'s', async () => {
    const { server, queue, db, clock } = await setup({ useEtag: false })
    const yesterday = server.issue('A')
    server.call(1, ['A'])
    clock.advance(60_000)
    server.complete(1)
    await queue.pollNow()
    clock.advance(24 * 3_600_000)
    // The external system restarted its numbering and its ids overnight.
    server.mutate((t) => void t.splice(0, t.length))
    const today = server.issue('B')
    server.mutate((t) => void Object.assign(t[0] ?? {}, { id: yesterday.id }))
    await queue.pollNow()
    expect(queue.board().waiting.find((w) => w.prefix === 'B')?.waiting).toBe(1)
    const rows = db.prepare('SELECT code, status, service_day FROM tickets ORDER BY id').all()
    expect(rows).toEqual([
      { code: 'A0001', status: 'completed', service_day: '2026-11-26' },
      { code: today.code, status: 'waiting', service_day: '2026-11-27' },
    ])
  })

  it('marks open tickets the snapshot no longer lists as skipped, so counts and counter tiles are right', async () => {
    const { server, queue, db } = await setup({ useEtag: false })
    drive(server) // A0001 waiting, A0002 called at 1, B0001 waiting
    await queue.pollNow()
    server.mutate((t) => void t.splice(0, t.length, ...t.filter((x) => x.code === 'A0001')))
    await queue.pollNow()
    const board = queue.board()
    expect(board.waiting.filter((w) => w.waiting > 0).map((w) => `${w.prefix}${w.waiting}`)).toEqual(['A1'])
    expect(servingAt(board, 1)?.ticketCode).toBeNull()
    const events = db
      .prepare("SELECT t.code, e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'skipped' ORDER BY t.code")
      .all()
    expect(events).toEqual([
      { code: 'A0002', detail: '{"reason":"absent"}' },
      { code: 'B0001', detail: '{"reason":"absent"}' },
    ])
    await queue.pollNow()
    expect(db.prepare("SELECT count(*) FROM ticket_events WHERE kind = 'skipped'").pluck().get()).toBe(2)
  })

  it('stays stale while a frozen feed answers 304, and turns live once its data moves again', async () => {
    const { server, queue, clock } = await setup({ useEtag: true })
    drive(server)
    server.setFault('stale')
    await queue.pollNow()
    const frozen = queue.board().connection
    expect(frozen.state).toBe('stale')
    clock.advance(2000)
    await queue.pollNow()
    expect(queue.board().connection).toEqual(frozen)
    server.setFault('none')
    clock.advance(2000)
    await queue.pollNow()
    expect(queue.board().connection).toEqual({ state: 'live', dataAt: clock.now() })
  })

  it('a 304 confirms a live snapshot but never turns a stale one live', () => {
    const stale = { state: 'stale', dataAt: 1000 } as const
    expect(nextConnection(stale, { kind: 'unchanged' }, 99_000, 60, stale)).toEqual(stale)
    expect(nextConnection({ state: 'lost', dataAt: 1000 }, { kind: 'unchanged' }, 99_000, 60, stale)).toEqual(stale)
    const live = { state: 'live', dataAt: 90_000 } as const
    expect(nextConnection(live, { kind: 'unchanged' }, 99_000, 60, live)).toEqual({ state: 'live', dataAt: 99_000 })
  })
})

/** The server's current tickets, read through the same hook the tests edit them with. */
function snapshotOf(server: QueueServer): ExternalTicket[] {
  let copy: ExternalTicket[] = []
  server.mutate((t) => void (copy = t.map((x) => ({ ...x }))))
  return copy
}

