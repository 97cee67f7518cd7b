import { describe, expect, it } from 'vitest'
import type { LanInfo } from '../../electron/core/devices/device-service'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import { startHubServer } from '../../electron/lan/hub-server'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { startCutProxy } from './cut-proxy'
import { onCleanup, testIdentity } from './helpers'
import { SHIPPED } from './hub-process'
import { count, linkState, unpairedClient, until } from './lan-fixture'
import { startRelay } from './relay'

const RATING = { ticketUid: null, counterId: 1, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }

describe('probe: a rating sent as the hub’s first address fails over to its second', () => {
  it('cut mid-answer, then that address takes connections but never handshakes: the retry through the other is applied once', async () => {
    const identity = await testIdentity()
    const lan: LanInfo = { addresses: ['127.0.0.1', '127.0.0.2'], port: 0, spki: identity.spki }
    const core = testCore({ lan, pinCost: cheapCost, clock: fixedClock() })
    const hub = await startHubServer({ core, identity, port: 0, host: '127.0.0.1', heartbeatMs: 2000 })
    onCleanup(() => hub.close())
    // The hub PC's first card is a switch port the test can cut or silence; the second a plain path, same port.
    const first = await startCutProxy(hub.port)
    await startRelay('127.0.0.2', first.port, hub.port)
    lan.port = first.port
    await loginAdmin(core)
    await call(core, 'admin:saveRatingForm', { form: { ...defaultRatingForm(3), anonymousCounterIds: [1] } })
    const ticket = await call(core, 'devices:pairStart', { role: 'lobby', counterId: null })
    await call(core, 'auth:logout', {})
    const { client } = unpairedClient('Kiosk sảnh', SHIPPED)
    expect(await client.invoke('link:pair', { code: ticket.qrText }, TEST_CLIENT)).toMatchObject({ ok: true })
    await until(() => linkState(client).then((s) => s === 'online'), 'online')
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })

    const caught = first.arm('hold-response')
    const pending = client.invoke('rating:submit', RATING, TEST_CLIENT)
    expect(await caught.request).toBe(true)
    await until(() => count(core.dbFile, 'SELECT count(*) FROM ratings') === 1, 'the rating committed on the hub')
    // The answer is lost, and the first card goes dark: TCP still accepted there, no handshake ever.
    first.silence()
    caught.cut(0)
    const result = await pending
    expect(result).toMatchObject({ ok: true, value: { seq: 1 } })
    expect(count(core.dbFile, 'SELECT count(*) FROM ratings')).toBe(1)
    expect(count(core.dbFile, 'SELECT uuid FROM ratings')).toBe(result.ok ? (result.value as { uuid: string }).uuid : '')
    // The client carries on through the second card: calls answered, the stream back, no rating replayed.
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })
    await until(() => linkState(client).then((s) => s === 'online'), 'online through the second card')
    expect(count(core.dbFile, 'SELECT count(*) FROM ratings')).toBe(1)
  }, 40_000)
})
