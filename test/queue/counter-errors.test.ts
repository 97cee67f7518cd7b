import { describe, expect, it } from 'vitest'
import type { CounterQueue } from '../../shared/schemas/queue'
import { counterErrorKey } from '../../renderer/src/screens/queue/counter-errors'
import { staffedCore } from '../helpers/counter-staff'
import { fixedClock, TEST_CLIENT } from '../helpers/core'
import { demoIds } from './helpers'

/**
 * The staff screen's messages for refusals, checked against what core really answers: a missing counter, a
 * missing field, nobody waiting and nobody seated each get their own message, not one generic line.
 */
describe('counter error messages', () => {
  it('tells a missing counter, a missing field, an empty queue and an unstaffed counter apart', async () => {
    const core = staffedCore({ clock: fixedClock() })
    const { counter, field } = await demoIds(core)
    const stateOf = async (counterId: number) => {
      const r = await core.invoke('queue:counter', { counterId }, TEST_CLIENT)
      return r.ok ? (r.value as CounterQueue) : null
    }
    const code = async (channel: Parameters<typeof core.invoke>[0], input: unknown) => {
      const r = await core.invoke(channel, input, TEST_CLIENT)
      if (r.ok) throw new Error(`${channel} was expected to be refused`)
      return r.error.code
    }

    expect(counterErrorKey('load', await code('queue:counter', { counterId: 9999 }), null)).toBe('noCounter')

    const one = await stateOf(counter[1] ?? 0)
    expect(counterErrorKey('callNext', await code('queue:callNext', { counterId: counter[1] }), one)).toBe('nobodyWaiting')

    await core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT)
    await core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT)
    const to = { kind: 'field', fieldId: 9999 } as const
    const busy = await stateOf(counter[1] ?? 0)
    expect(counterErrorKey('transfer', await code('queue:transfer', { counterId: counter[1], to }), busy, to)).toBe('noField')
    // Busy with a ticket: a second call is a state conflict, not a missing officer.
    expect(counterErrorKey('callNext', await code('queue:callNext', { counterId: counter[1] }), busy)).toBe('CONFLICT')

    // A counter nobody is assigned to: the demo centre's counter 1 without its officer.
    const unstaffed: CounterQueue = { ...(one as CounterQueue), officerName: null }
    expect(counterErrorKey('callNext', 'CONFLICT', unstaffed)).toBe('noOfficer')
    expect(counterErrorKey('serve', 'INTERNAL', unstaffed)).toBe('other')
    // With a live session, FORBIDDEN is an officer at someone else's counter (see counter-access.test.ts).
    expect(counterErrorKey('callNext', 'FORBIDDEN', busy)).toBe('notYourCounter')
  })
})
