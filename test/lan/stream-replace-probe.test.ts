import { describe, expect, it } from 'vitest'
import { call, loginAdmin } from '../auth/helpers'
import { ear, waiting, within } from './hub-process'
import { linkState, pairClient, startHub, until } from './lan-fixture'
import { startRelay } from './relay'

/**
 * The hub's side of a flapping link: each break replaces the device's stream, and the hub re-checks every open
 * stream's device (and forgets devices without one) on its heartbeat, here every 200 ms, so replacements and
 * re-checks interleave in every order. No replacement may leave the device's new stream ended or unheard.
 */
describe('probe: a device’s stream replaced again and again on the hub', () => {
  it('after 15 breaks in a row the device has one stream, stays on it, hears events, and is listed online', async () => {
    const { core, hub } = await startHub()
    const relay = await startRelay('127.0.0.1', 0, hub.port)
    const tv = await pairClient(core, { role: 'board', counterId: null }, {}, relay.port)
    const screens = ear(tv.client)
    for (let i = 0; i < 15; i++) {
      relay.cutAll()
      await until(() => screens.offline(), `break ${i}: the client noticed`)
      screens.clear()
      await until(async () => (await linkState(tv.client)) === 'online' && hub.streamCount() === 1, `break ${i}: back`)
      // A different wait each time, so the next break meets the hub's re-check at another point of its cycle.
      await new Promise((resolve) => setTimeout(resolve, 37 * i))
    }
    screens.clear()
    // Five of the hub's heartbeats and re-checks with the stream left alone: nothing ends it.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(screens.states()).toEqual([])
    expect(hub.streamCount()).toBe(1)
    await loginAdmin(core)
    expect(await call(core, 'devices:list', {})).toEqual([expect.objectContaining({ online: true })])
    await call(core, 'queue:take', { fieldId: 1, priorityGroup: null })
    expect(await within(3000, () => waiting(screens.board()) === 1)).toBe(true)
  }, 60_000)
})
