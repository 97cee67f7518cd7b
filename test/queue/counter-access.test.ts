import { describe, expect, it } from 'vitest'
import type { CentreOverview } from '../../shared/schemas/centre'
import type { CounterQueue } from '../../shared/schemas/queue'
import { call, cheapCost, givePin, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { errorCode, query, value } from './helpers'

const PIN = '135790'

const COUNTER_CALLS = [
  ['queue:counter', {}],
  ['queue:callNext', {}],
  ['queue:recall', {}],
  ['queue:serve', {}],
  ['queue:skip', {}],
  ['queue:complete', {}],
  ['queue:transfer', { to: { kind: 'field', fieldId: 1 } }],
] as const

/**
 * The demo kiosk (counter 3 serves field B, counter 5 field D), one waiting ticket in each field so that either
 * counter could call, and a PIN for counter 3's officer.
 */
async function setup() {
  const clock = fixedClock()
  const core = testCore({ clock, pinCost: cheapCost })
  const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, TEST_CLIENT))
  const counter = (n: number) => overview.counters.find((c) => c.number === n)
  const field = (prefix: string) => overview.fields.find((f) => f.prefix === prefix)?.id
  const three = counter(3)
  const five = counter(5)
  const [fieldB, fieldD] = [field('B'), field('D')]
  if (!three?.officer || !five || fieldB === undefined || fieldD === undefined) throw new Error('demo centre changed')
  const accountId = await givePin(core, three.officer.id, PIN)
  for (const fieldId of [fieldB, fieldD]) await value(core.invoke('queue:take', { fieldId, priorityGroup: null }, TEST_CLIENT))
  const state = () => ({
    tickets: query<{ code: string; status: string; counter_id: number | null }>(
      core.dbFile,
      'SELECT code, status, counter_id FROM tickets ORDER BY id',
    ),
    events: query<{ kind: string }>(core.dbFile, 'SELECT kind FROM ticket_events ORDER BY id'),
    audit: query<{ action: string; actor_id: number | null; target: string; detail: string }>(
      core.dbFile,
      "SELECT action, actor_id, target, detail FROM audit_log WHERE action LIKE 'queue.%' ORDER BY id",
    ),
  })
  const loginOfficer = async () => {
    const result = await call(core, 'auth:login', { accountId, pin: PIN })
    if (result.status !== 'ok') throw new Error(`officer login: ${result.status}`)
  }
  return { core, clock, three: three.id, five: five.id, accountId, state, loginOfficer }
}

describe('counter actions need a staff session at that counter', () => {
  it('refuses every counter call without a session and writes nothing', async () => {
    const { core, three, state } = await setup()
    const before = state()
    expect(before.tickets.map((t) => t.status)).toEqual(['waiting', 'waiting'])
    for (const [channel, extra] of COUNTER_CALLS) {
      expect(await errorCode(core.invoke(channel, { counterId: three, ...extra }, TEST_CLIENT)), channel).toBe('FORBIDDEN')
    }
    expect(state()).toEqual(before)
    // The citizen's calls stay open.
    expect(await errorCode(core.invoke('queue:board', {}, TEST_CLIENT))).toBe('ok')
    expect(await errorCode(core.invoke('queue:options', {}, TEST_CLIENT))).toBe('ok')
  })

  it('refuses an officer at another counter than their own, writing nothing', async () => {
    const { core, five, state, loginOfficer } = await setup()
    await loginOfficer()
    const before = state()
    for (const [channel, extra] of COUNTER_CALLS) {
      expect(await errorCode(core.invoke(channel, { counterId: five, ...extra }, TEST_CLIENT)), channel).toBe('FORBIDDEN')
    }
    expect(state()).toEqual(before)
  })

  it('lets an officer work their own counter and audit-logs each action with who, where and which ticket', async () => {
    const { core, three, state, accountId, loginOfficer } = await setup()
    await loginOfficer()
    expect((await value<CounterQueue>(core.invoke('queue:counter', { counterId: three }, TEST_CLIENT))).waiting).toBe(1)
    const called = await value<CounterQueue>(core.invoke('queue:callNext', { counterId: three }, TEST_CLIENT))
    expect(called.current?.code).toBe('B0001')
    await value(core.invoke('queue:serve', { counterId: three }, TEST_CLIENT))
    await value(core.invoke('queue:complete', { counterId: three }, TEST_CLIENT))
    const after = state()
    expect(after.tickets).toEqual([
      { code: 'B0001', status: 'completed', counter_id: three },
      { code: 'D0001', status: 'waiting', counter_id: null },
    ])
    expect(after.audit).toEqual(
      ['queue.callNext', 'queue.serve', 'queue.complete'].map((action) => ({
        action,
        actor_id: accountId,
        target: `counter:${three}`,
        detail: JSON.stringify({ ticket: 'B0001' }),
      })),
    )
  })

  it('follows the assignment: once the officer is moved away, their old counter refuses them', async () => {
    const { core, clock, three, five, state, loginOfficer } = await setup()
    const officerId = query<{ officer_id: number }>(
      core.dbFile,
      'SELECT officer_id FROM assignments WHERE counter_id = ? AND ends_at IS NULL',
      three,
    )[0]?.officer_id
    await loginAdmin(core)
    await value(core.invoke('admin:assign', { officerId, counterId: five }, TEST_CLIENT))
    await call(core, 'auth:logout', {})
    clock.advance(1000)
    await loginOfficer()
    const before = state()
    expect(await errorCode(core.invoke('queue:callNext', { counterId: three }, TEST_CLIENT))).toBe('FORBIDDEN')
    expect(state()).toEqual(before)
    expect(await errorCode(core.invoke('queue:counter', { counterId: five }, TEST_CLIENT))).toBe('ok')
  })

  it('lets IT act at any counter, audit-logged under the admin account', async () => {
    const { core, five, state } = await setup()
    await loginAdmin(core)
    const admin = await call(core, 'auth:session', {})
    const called = await value<CounterQueue>(core.invoke('queue:callNext', { counterId: five }, TEST_CLIENT))
    expect(called.current?.code).toBe('D0001')
    await value(core.invoke('queue:transfer', { counterId: five, to: { kind: 'counter', counterId: 1 } }, TEST_CLIENT))
    const { audit, tickets } = state()
    expect(tickets[1]).toMatchObject({ code: 'D0001', status: 'waiting' })
    expect(audit.map((a) => [a.action, a.actor_id, a.target])).toEqual([
      ['queue.callNext', admin?.accountId, `counter:${five}`],
      ['queue.transfer', admin?.accountId, `counter:${five}`],
    ])
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toEqual({ ticket: 'D0001', to: { kind: 'counter', counterId: 1 } })
  })

  it('a pushed re-read of the counter does not keep an idle session alive', async () => {
    const { core, clock, three, loginOfficer } = await setup()
    await loginOfficer()
    clock.advance(50_000)
    expect(await errorCode(core.invoke('queue:counter', { counterId: three }, TEST_CLIENT))).toBe('ok')
    clock.advance(20_000) // 70 s after the last real action: past the 60 s idle limit
    expect(await errorCode(core.invoke('queue:counter', { counterId: three }, TEST_CLIENT))).toBe('FORBIDDEN')
  })
})
