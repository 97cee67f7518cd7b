import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CentreOverview } from '../../shared/schemas/centre'
import type { CounterQueue, IssuedTicket } from '../../shared/schemas/queue'
import type { Core } from '../../electron/core/core'
import { staffInvoke } from '../helpers/counter-staff'
import { cheapCost } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { demoIds, query, readQueueSettings, value, writeSetting } from './helpers'

/**
 * Model-based test of the built-in queue: random sequences of takes, counter actions, waits, restarts (close and
 * reopen the same database) and day changes, under a random reset hour and start time, checked call by call
 * against a plain model of the rules — and at the end, every ticket_events row against the model's history.
 */

const PREFIXES = ['A', 'B', 'C', 'D'] as const
/** The demo centre: counter number → the prefixes it serves. */
const SERVES: Record<number, readonly string[]> = { 1: ['A'], 2: ['A'], 3: ['B'], 4: ['C'], 5: ['D'], 6: ['B', 'C', 'D'] }
const PRIORITY = ['nguoi_cao_tuoi', 'phu_nu_mang_thai'] as const
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST), so the model can count days with plain arithmetic. */
const VN_OFFSET = 7 * HOUR

type Status = 'waiting' | 'called' | 'serving' | 'completed' | 'skipped'
type Kind = 'issued' | 'called' | 'recalled' | 'serving' | 'skipped' | 'transferred' | 'completed'

interface ModelTicket {
  code: string
  day: number
  priority: boolean
  seq: number
  status: Status
  counter: number | null
  officer: string | null
  queuePrefix: string
  queueCounter: number | null
}

interface Model {
  resetHour: number
  tickets: ModelTicket[]
  next: Map<string, number>
  seq: number
  /** Every ticket_events row the engine should have written, in order. */
  events: { day: string; code: string; kind: Kind; counter: number | null; officer: string | null }[]
}

interface Real {
  core: Core
  dataDir: string
  clock: ReturnType<typeof fixedClock>
  ids: Awaited<ReturnType<typeof demoIds>>
  /** counter number → the officer seated there (the demo centre's assignments do not change). */
  officers: Record<number, string>
}

/** The service day of a moment, as a day count: the local date of (moment − reset hour). */
const dayOf = (m: Model, at: number) => Math.floor((at + VN_OFFSET - m.resetHour * HOUR) / DAY)
const dayName = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)

const current = (m: Model, counter: number) =>
  m.tickets.find((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'))

function expectedNext(m: Model, day: number, counter: number): ModelTicket | undefined {
  return m.tickets
    .filter(
      (t) =>
        t.status === 'waiting' &&
        t.day === day &&
        (t.queueCounter === counter || (t.queueCounter === null && SERVES[counter]?.includes(t.queuePrefix))),
    )
    .sort(
      (a, b) =>
        Number(a.queueCounter === null) - Number(b.queueCounter === null) ||
        Number(!a.priority) - Number(!b.priority) ||
        a.seq - b.seq,
    )[0]
}

function log(m: Model, t: ModelTicket, kind: Kind, counter: number | null, officer: string | null): void {
  m.events.push({ day: dayName(t.day), code: t.code, kind, counter, officer })
}

/** Each step takes a second, so "first come" is well defined; returns the model's day at the step's moment. */
function tick(m: Model, r: Real): number {
  r.clock.advance(1000)
  return dayOf(m, r.clock.now())
}

async function invoke(r: Real, channel: Parameters<Core['invoke']>[0], input: unknown) {
  // The counter calls are IT's (admin may act anywhere): this property is about the queue, not access rules.
  const result = await staffInvoke(r.core, channel, input)
  return result.ok ? { code: 'ok', value: result.value } : { code: result.error.code, value: null }
}

class Take implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly prefix: string,
    readonly priority: string | null,
  ) {}
  check = () => true
  async run(m: Model, r: Real) {
    const day = tick(m, r)
    const res = await invoke(r, 'queue:take', { fieldId: r.ids.field[this.prefix], priorityGroup: this.priority })
    const n = (m.next.get(`${day}${this.prefix}`) ?? 0) + 1
    m.next.set(`${day}${this.prefix}`, n)
    const code = `${this.prefix}${String(n).padStart(4, '0')}`
    expect((res.value as IssuedTicket | null)?.code).toBe(code)
    m.seq += 1
    const ticket: ModelTicket = {
      code,
      day,
      priority: this.priority !== null,
      seq: m.seq,
      status: 'waiting',
      counter: null,
      officer: null,
      queuePrefix: this.prefix,
      queueCounter: null,
    }
    m.tickets.push(ticket)
    log(m, ticket, 'issued', null, null)
  }
  toString = () => `take(${this.prefix}, ${this.priority})`
}

type Action = 'callNext' | 'recall' | 'serve' | 'skip' | 'complete' | 'transferField' | 'transferCounter'

class Act implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: Action,
    readonly counter: number,
    readonly target: number,
  ) {}
  check = () => true
  async run(m: Model, r: Real) {
    const day = tick(m, r)
    const counterId = r.ids.counter[this.counter]
    const cur = current(m, this.counter)
    if (this.action === 'callNext') {
      const next = expectedNext(m, day, this.counter)
      const expected = cur !== undefined ? 'CONFLICT' : next === undefined ? 'NOT_FOUND' : 'ok'
      const res = await invoke(r, 'queue:callNext', { counterId })
      expect(res.code).toBe(expected)
      if (expected !== 'ok' || next === undefined) return
      const officer = r.officers[this.counter] ?? null
      Object.assign(next, { status: 'called', counter: this.counter, officer, queueCounter: null, queuePrefix: next.code[0] })
      log(m, next, 'called', this.counter, officer)
      expect(res.value as CounterQueue).toMatchObject({ current: { code: next.code }, officerName: officer })
      return
    }
    if (this.action === 'transferField' || this.action === 'transferCounter') {
      const toCounter = this.action === 'transferCounter'
      const targetPrefix = PREFIXES[this.target % PREFIXES.length] ?? 'A'
      const targetCounter = (this.target % 6) + 1
      const to = toCounter
        ? { kind: 'counter', counterId: r.ids.counter[targetCounter] }
        : { kind: 'field', fieldId: r.ids.field[targetPrefix] }
      const expected = cur === undefined || (toCounter && targetCounter === this.counter) ? 'CONFLICT' : 'ok'
      expect((await invoke(r, 'queue:transfer', { counterId, to })).code).toBe(expected)
      if (expected !== 'ok' || cur === undefined) return
      log(m, cur, 'transferred', this.counter, cur.officer)
      Object.assign(cur, { status: 'waiting', counter: null, officer: null })
      Object.assign(cur, toCounter ? { queueCounter: targetCounter } : { queuePrefix: targetPrefix, queueCounter: null })
      return
    }
    const allowed: readonly Status[] = this.action === 'complete' ? ['called', 'serving'] : ['called']
    const expected = cur !== undefined && allowed.includes(cur.status) ? 'ok' : 'CONFLICT'
    expect((await invoke(r, `queue:${this.action}`, { counterId })).code).toBe(expected)
    if (expected !== 'ok' || cur === undefined) return
    const after = { recall: 'called', serve: 'serving', skip: 'skipped', complete: 'completed' } as const
    cur.status = after[this.action]
    log(m, cur, this.action === 'recall' ? 'recalled' : after[this.action], this.counter, cur.officer)
  }
  toString = () => `${this.action}(${this.counter}, ${this.target})`
}

/** Time passes between citizens, sometimes across the reset hour. */
class Wait implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true
  async run(_m: Model, r: Real) {
    r.clock.advance(this.minutes * 60_000)
  }
  toString = () => `wait(${this.minutes} min)`
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(_m: Model, r: Real) {
    r.core.close()
    r.core = testCore({ dataDir: r.dataDir, clock: r.clock, pinCost: cheapCost })
  }
  toString = () => 'restart'
}

class NextDay implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(_m: Model, r: Real) {
    r.clock.advance(DAY)
  }
  toString = () => 'nextDay'
}

const take = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.option(fc.constantFrom(...PRIORITY), { freq: 3 }))
  .map(([p, g]) => new Take(p, g))
const act = (...actions: Action[]) =>
  fc
    .tuple(fc.constantFrom(...actions), fc.integer({ min: 1, max: 6 }), fc.nat(11))
    .map(([a, c, t]) => new Act(a, c, t))
// fc.commands picks among these uniformly: the repeats weight it towards what a real day is made of (takes and
// calls), while restarts, day changes and long waits stay rare enough for queues to build up between them.
const commands = [
  ...Array.from({ length: 6 }, () => take),
  ...Array.from({ length: 6 }, () => act('callNext')),
  act('complete', 'serve'),
  act('complete', 'recall'),
  act('serve', 'complete'),
  act('recall', 'skip'),
  act('skip', 'transferField', 'transferCounter'),
  fc.integer({ min: 1, max: 240 }).map((min) => new Wait(min)),
  fc.constant(new Restart()),
  fc.constant(new NextDay()),
]

describe('queue engine (model-based)', () => {
  it('serves no ticket twice, calls priority then first come, binds the officer, numbers per day at any reset hour', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { size: 'large', maxCommands: 60 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        async (cmds, resetHour, startMinute) => {
          const clock = fixedClock(Date.UTC(2026, 10, 26) + startMinute * 60_000)
          const core = testCore({ clock, pinCost: cheapCost })
          writeSetting(core.dbFile, 'queue', { ...readQueueSettings(core.dbFile), resetHour })
          const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, TEST_CLIENT))
          const officers = Object.fromEntries(
            overview.counters.flatMap((c) => (c.officer === null ? [] : [[c.number, c.officer.fullName]])),
          )
          const real: Real = {
            core,
            clock,
            dataDir: core.dbFile.replace(/\/kiosk\.db$/, ''),
            ids: await demoIds(core),
            officers,
          }
          const model: Model = { resetHour, tickets: [], next: new Map(), seq: 0, events: [] }
          await fc.asyncModelRun(() => ({ model, real }), cmds)

          const db = real.core.dbFile
          const events = query<Model['events'][number]>(
            db,
            `SELECT t.service_day AS day, t.code, e.kind, c.number AS counter, o.full_name AS officer
               FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
               LEFT JOIN counters c ON c.id = e.counter_id LEFT JOIN officers o ON o.id = e.officer_id
              ORDER BY e.id`,
          )
          expect(events).toEqual(model.events)
          const tickets = query<{ day: string; code: string; status: Status; officer: string | null }>(
            db,
            `SELECT t.service_day AS day, t.code, t.status, o.full_name AS officer
               FROM tickets t LEFT JOIN officers o ON o.id = t.officer_id ORDER BY t.id`,
          )
          expect(tickets).toEqual(
            model.tickets.map((t) => ({ day: dayName(t.day), code: t.code, status: t.status, officer: t.officer })),
          )
          const gaps = query<{ day: string }>(
            db,
            'SELECT service_day AS day FROM tickets GROUP BY service_day, field_id HAVING max(number) <> count(*)',
          )
          expect(gaps).toEqual([])
        },
      ),
      { numRuns: 25 },
    )
    // 25 runs of real SQLite take ~13 s alone; on 2 busy cores more. The limit only tells slow from hung.
  }, 90_000)
})
