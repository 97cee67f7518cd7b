import { describe, expect, it } from 'vitest'
import { ONLINE_MS } from '../../electron/core/devices/device-service'
import { call } from '../auth/helpers'
import { fixedClock } from '../helpers/core'
import { pairClient, startHub, until } from './lan-fixture'

/**
 * "Online" on the hub's device list is what IT looks at to find a dead counter PC. It must follow the PC's open
 * event stream: a PC that was switched off is offline once ONLINE_MS has passed since it was last heard.
 */
describe('a device’s online flag on the hub', () => {
  it('goes off once the PC’s stream is gone, however long the hub keeps running', async () => {
    const clock = fixedClock()
    const { core, hub } = await startHub({ clock })
    const tv = await pairClient(core, { role: 'board', counterId: null })
    const online = async () => (await call(core, 'devices:list', {})).map((d) => d.online)
    expect(await online()).toEqual([true])

    tv.client.close() // the TV's mini-PC is switched off
    await until(() => hub.streamCount() === 0, 'its stream closed')
    clock.advance(ONLINE_MS + 1000)
    // Several of the hub's heartbeats (200 ms in tests) pass with no stream from it.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await online()).toEqual([false])
  })
})
