import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CounterQueue, IssuedTicket } from '../../shared/schemas/queue'
import type { Core } from '../../electron/core/core'
import { fixedClock, testCore } from '../helpers/core'
import { demoIds, query } from './helpers'

/**
 * Model-based test of the built-in queue: random sequences of takes, counter actions, restarts (close and reopen
 * the same database) and day changes, checked call by call against a plain model of the rules.
 */

const PREFIXES = ['A', 'B', 'C', 'D'] as const
/** The demo centre: counter number → the prefixes it serves. */
const SERVES: Record<number, readonly string[]> = { 1: ['A'], 2: ['A'], 3: ['B'], 4: ['C'], 5: ['D'], 6: ['B', 'C', 'D'] }
const PRIORITY = ['nguoi_cao_tuoi', 'phu_nu_mang_thai'] as const

interface ModelTicket {
  code: string
  day: number
  prefix: string
  priority: boolean
  seq: number
  status: 'waiting' | 'called' | 'serving' | 'completed' | 'skipped'
  counter: number | null
  queuePrefix: string
  queueCounter: number | null
}

interface Model {
  day: number
  tickets: ModelTicket[]
  next: Map<string, number>
  seq: number
}

interface Real {
  core: Core
  dataDir: string
  clock: ReturnType<typeof fixedClock>
  ids: Awaited<ReturnType<typeof demoIds>>
}

const current = (m: Model, counter: number) =>
  m.tickets.find((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'))

function expectedNext(m: Model, counter: number): ModelTicket | undefined {
  return m.tickets
    .filter(
      (t) =>
        t.status === 'waiting' &&
        t.day === m.day &&
        (t.queueCounter === counter || (t.queueCounter === null && SERVES[counter]?.includes(t.queuePrefix))),
    )
    .sort(
      (a, b) =>
        Number(a.queueCounter === null) - Number(b.queueCounter === null) ||
        Number(!a.priority) - Number(!b.priority) ||
        a.seq - b.seq,
    )[0]
}

async function code(r: Real, channel: Parameters<Core['invoke']>[0], input: unknown) {
  r.clock.advance(1000) // distinct issue times, so "first come" is well defined
  const result = await r.core.invoke(channel, input)
  return result.ok ? { code: 'ok', value: result.value } : { code: result.error.code, value: null }
}

class Take implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly prefix: string,
    readonly priority: string | null,
  ) {}
  check = () => true
  async run(m: Model, r: Real) {
    const res = await code(r, 'queue:take', { fieldId: r.ids.field[this.prefix], priorityGroup: this.priority })
    const n = (m.next.get(`${m.day}${this.prefix}`) ?? 0) + 1
    m.next.set(`${m.day}${this.prefix}`, n)
    const expected = `${this.prefix}${String(n).padStart(4, '0')}`
    expect((res.value as IssuedTicket).code).toBe(expected)
    m.seq += 1
    m.tickets.push({
      code: expected,
      day: m.day,
      prefix: this.prefix,
      priority: this.priority !== null,
      seq: m.seq,
      status: 'waiting',
      counter: null,
      queuePrefix: this.prefix,
      queueCounter: null,
    })
  }
  toString = () => `take(${this.prefix}, ${this.priority})`
}

class Act implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: 'callNext' | 'serve' | 'skip' | 'complete' | 'transferField' | 'transferCounter',
    readonly counter: number,
    readonly target: number,
  ) {}
  check = () => true
  async run(m: Model, r: Real) {
    const counterId = r.ids.counter[this.counter]
    const cur = current(m, this.counter)
    const targetPrefix = PREFIXES[this.target % PREFIXES.length] ?? 'A'
    const targetCounter = (this.target % 6) + 1
    let channel: 'queue:callNext' | 'queue:serve' | 'queue:skip' | 'queue:complete' | 'queue:transfer'
    let input: unknown = { counterId }
    let expected: string
    if (this.action === 'callNext') {
      channel = 'queue:callNext'
      const next = expectedNext(m, this.counter)
      expected = cur !== undefined ? 'CONFLICT' : next === undefined ? 'NOT_FOUND' : 'ok'
      if (expected === 'ok' && next) Object.assign(next, { status: 'called', counter: this.counter, queueCounter: null })
      const res = await code(r, channel, input)
      expect(res.code).toBe(expected)
      if (next && expected === 'ok') expect((res.value as CounterQueue).current?.code).toBe(next.code)
      return
    }
    if (this.action === 'transferField' || this.action === 'transferCounter') {
      channel = 'queue:transfer'
      const toCounter = this.action === 'transferCounter'
      input = {
        counterId,
        to: toCounter ? { kind: 'counter', counterId: r.ids.counter[targetCounter] } : { kind: 'field', fieldId: r.ids.field[targetPrefix] },
      }
      expected = cur === undefined || (toCounter && targetCounter === this.counter) ? 'CONFLICT' : 'ok'
      if (expected === 'ok' && cur) {
        Object.assign(cur, { status: 'waiting', counter: null }, toCounter ? { queueCounter: targetCounter } : { queuePrefix: targetPrefix })
      }
    } else {
      channel = `queue:${this.action}`
      const allowed = this.action === 'complete' ? ['called', 'serving'] : ['called']
      expected = cur !== undefined && allowed.includes(cur.status) ? 'ok' : 'CONFLICT'
      const next = { serve: 'serving', skip: 'skipped', complete: 'completed' } as const
      if (expected === 'ok' && cur) cur.status = next[this.action]
    }
    expect((await code(r, channel, input)).code).toBe(expected)
  }
  toString = () => `${this.action}(${this.counter}, ${this.target})`
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(_m: Model, r: Real) {
    r.core.close()
    r.core = testCore({ dataDir: r.dataDir, clock: r.clock })
  }
  toString = () => 'restart'
}

class NextDay implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(m: Model, r: Real) {
    r.clock.advance(24 * 3_600_000)
    m.day += 1
  }
  toString = () => 'nextDay'
}

const commands = [
  fc.tuple(fc.constantFrom(...PREFIXES), fc.option(fc.constantFrom(...PRIORITY), { freq: 3 })).map(([p, g]) => new Take(p, g)),
  fc
    .tuple(
      fc.constantFrom('callNext', 'callNext', 'serve', 'skip', 'complete', 'complete', 'transferField', 'transferCounter'),
      fc.integer({ min: 1, max: 6 }),
      fc.nat(11),
    )
    .map(([a, c, t]) => new Act(a as Act['action'], c, t)),
  fc.constant(new Restart()),
  fc.constant(new NextDay()),
]

describe('queue engine (model-based)', () => {
  it('serves no ticket twice, calls priority then first come within a field, numbers uniquely across restarts and days', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { size: 'large', maxCommands: 60 }), async (cmds) => {
        // Start before 23:00 local time so a run's day changes come only from NextDay.
        const clock = fixedClock(Date.UTC(2026, 10, 26, 1, 0))
        const core = testCore({ clock })
        const real: Real = { core, clock, dataDir: core.dbFile.replace(/\/kiosk\.db$/, ''), ids: await demoIds(core) }
        const model: Model = { day: 0, tickets: [], next: new Map(), seq: 0 }
        await fc.asyncModelRun(() => ({ model, real }), cmds)

        // Whatever happened, the stored history agrees: each ticket completed at most once, numbers contiguous.
        const completions = query<{ n: number }>(
          real.core.dbFile,
          "SELECT count(*) AS n FROM ticket_events WHERE kind = 'completed' GROUP BY ticket_id HAVING n > 1",
        )
        expect(completions).toEqual([])
        const gaps = query<{ day: string }>(
          real.core.dbFile,
          'SELECT service_day AS day FROM tickets GROUP BY service_day, field_id HAVING max(number) <> count(*)',
        )
        expect(gaps).toEqual([])
        expect(query<{ n: number }>(real.core.dbFile, 'SELECT count(*) AS n FROM tickets')[0]?.n).toBe(model.tickets.length)
      }),
      { numRuns: 25 },
    )
  })
})
