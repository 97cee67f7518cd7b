import { describe, expect, it } from 'vitest'
import type { LanInfo } from '../../electron/core/devices/device-service'
import { startHubServer } from '../../electron/lan/hub-server'
import { readLink } from '../../electron/lan/link-store'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { onCleanup, testIdentity } from './helpers'
import { ear, SHIPPED, waiting, within } from './hub-process'
import { linkState, unpairedClient, until } from './lan-fixture'
import { startRelay } from './relay'

/**
 * A hub PC with two cards on one port, as a real hub has: Ethernet (127.0.0.1, paired through) and Wi-Fi
 * (127.0.0.2), each a relay that can be unplugged; and a TV paired through the first, online.
 */
async function twoCardHub() {
  const identity = await testIdentity()
  const lan: LanInfo = { addresses: ['127.0.0.1', '127.0.0.2'], port: 0, spki: identity.spki }
  const core = testCore({ lan, pinCost: cheapCost, clock: fixedClock() })
  const hub = await startHubServer({ core, identity, port: 0, host: '127.0.0.1', heartbeatMs: 2000 })
  onCleanup(() => hub.close())
  const ethernet = await startRelay('127.0.0.1', 0, hub.port)
  const wifi = await startRelay('127.0.0.2', ethernet.port, hub.port)
  lan.port = ethernet.port
  await loginAdmin(core)
  const ticket = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
  await call(core, 'auth:logout', {})
  const { client, dataDir } = unpairedClient('TV', SHIPPED)
  expect(await client.invoke('link:pair', { code: ticket.qrText }, TEST_CLIENT)).toMatchObject({ ok: true })
  expect(readLink(dataDir)?.hosts).toEqual(['127.0.0.1', '127.0.0.2'])
  await until(() => linkState(client).then((s) => s === 'online'), 'online')
  return { core, hub, ethernet, wifi, client, screens: ear(client) }
}

describe('probe: a hub with two addresses, one or both of which go away', () => {
  it('the client keeps working through the other: online, calls answered, a fresh board', async () => {
    const { core, ethernet, wifi, client, screens } = await twoCardHub()

    await ethernet.unplug() // the cable the client paired through is pulled; the hub is still on Wi-Fi
    await call(core, 'queue:take', { fieldId: 1, priorityGroup: null })
    const back = await within(5000, async () => (await linkState(client)) === 'online' && waiting(screens.board()) === 1)
    expect(back, `${screens.states().join('>')}, board ${waiting(screens.board())}`).toBe(true)
    // Every call goes through too, not only the stream.
    for (let i = 0; i < 3; i++) expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })
    expect(wifi.port).toBe(ethernet.port)
  }, 30_000)

  it('both addresses gone, then only the second back: online through it within 5 s, calls answered', async () => {
    const { core, hub, ethernet, wifi, client, screens } = await twoCardHub()

    // The hub PC's switch dies: both cards gone, the client goes offline and keeps trying both.
    await ethernet.unplug()
    await wifi.unplug()
    expect(await within(5000, async () => (await linkState(client)) === 'offline')).toBe(true)
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    // Only the Wi-Fi comes back; a ticket is taken meanwhile.
    await startRelay('127.0.0.2', ethernet.port, hub.port)
    await call(core, 'queue:take', { fieldId: 1, priorityGroup: null })
    const back = await within(5000, async () => (await linkState(client)) === 'online' && waiting(screens.board()) === 1)
    expect(back, `${screens.states().join('>')}, board ${waiting(screens.board())}`).toBe(true)
    for (let i = 0; i < 3; i++) expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })
  }, 30_000)
})
