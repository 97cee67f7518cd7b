import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import type { EventName } from '../../shared/channels'
import type { QueueBoard } from '../../shared/schemas/queue'
import { call, loginAdmin } from '../auth/helpers'
import { TEST_CLIENT } from '../helpers/core'
import { startCutProxy } from './cut-proxy'
import { count, linkState, pairClient, startHub, until } from './lan-fixture'

const RATING = { ticketUid: null, counterId: 1, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
/** The client's shipped defaults (the fixture's are shorter to keep other tests quick). */
const SHIPPED = { silenceMs: 2500, maxReconnectDelayMs: 2000 }

function waitingOf(board: QueueBoard): number {
  return board.waiting.reduce((sum, field) => sum + field.waiting, 0)
}

/** Records what a client hears, so a test can wait for an event rather than for time. */
function ear(client: Core) {
  const heard: { event: EventName; payload: unknown }[] = []
  client.subscribe((event, payload) => heard.push({ event, payload }))
  return {
    heard,
    offline: () => heard.some((h) => h.event === 'link:status' && (h.payload as { state?: string }).state === 'offline'),
    clear: () => void heard.splice(0),
  }
}

describe('faults on the centre network', () => {
  it('a link cut in the middle of the rating’s answer: the retry ends as exactly one row and its receipt', async () => {
    const { core, hub } = await startHub()
    await loginAdmin(core)
    await call(core, 'admin:saveRatingForm', { form: { ...defaultRatingForm(3), anonymousCounterIds: [1] } })
    const proxy = await startCutProxy(hub.port)
    const { client } = await pairClient(core, { role: 'lobby', counterId: null }, {}, proxy.port)
    // A call first, so the rating goes on an open keep-alive connection and the proxy holds its answer alone.
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })
    const caught = proxy.arm('hold-response')
    const pending = client.invoke('rating:submit', RATING, TEST_CLIENT)
    expect(await caught.request).toBe(true)
    // The hub has written the row and answered; the answer sits in the proxy.
    await until(() => count(core.dbFile, 'SELECT count(*) FROM ratings') === 1, 'the rating committed on the hub')
    let last = -1
    await until(() => {
      const now = caught.held()
      const steady = now > 0 && now === last
      last = now
      return steady
    }, 'the hub’s answer held in the proxy')
    caught.cut(Math.max(1, caught.held() - 20)) // all but the answer's last bytes
    const result = await pending
    expect(result).toMatchObject({ ok: true, value: { seq: 1 } })
    expect(count(core.dbFile, 'SELECT count(*) FROM ratings')).toBe(1)
    expect(count(core.dbFile, 'SELECT uuid FROM ratings')).toBe(result.ok ? (result.value as { uuid: string }).uuid : '')
    expect(count(core.dbFile, 'SELECT count(*) FROM device_requests')).toBe(1)
  })

  it('40 clients reconnect by themselves after a hub restart, each with a fresh board', async () => {
    const started = await startHub({ heartbeatMs: 2000 })
    const { core } = started
    const clients: Core[] = []
    for (let i = 0; i < 40; i++) clients.push((await pairClient(core, { role: 'board', counterId: null }, SHIPPED)).client)
    await call(core, 'auth:logout', {})
    const ears = clients.map(ear)
    await started.hub.close()
    await until(() => ears.every((e) => e.offline()), 'every client offline', 500)
    for (const e of ears) e.clear()
    // Taken while the hub's port is closed: no client can have heard it, so only a resync shows it.
    await call(core, 'queue:take', { fieldId: 1, priorityGroup: null })
    await started.restart()
    const fresh = (e: ReturnType<typeof ear>) =>
      e.heard.some((h) => h.event === 'queue:changed' && waitingOf(h.payload as QueueBoard) === 1)
    // Generous bound (10 s, twice the promise): the test is about every client coming back, not about speed.
    await until(() => ears.every(fresh), 'every client resynced', 1000)
    for (const client of clients) expect(await linkState(client)).toBe('online')
  }, 60_000)

  it('a pulled cable (the hub silent, no socket closed): every client says offline within 3 s', async () => {
    const { core, hub } = await startHub({ heartbeatMs: 2000 })
    const proxy = await startCutProxy(hub.port)
    const ears: ReturnType<typeof ear>[] = []
    for (let i = 0; i < 5; i++) {
      ears.push(ear((await pairClient(core, { role: 'board', counterId: null }, SHIPPED, proxy.port)).client))
    }
    proxy.silence()
    // Read when the 3 s are up, not raced against a poll: Node runs due timers in order, so every client's silence
    // watchdog (due 2.5 s after the last byte it got) has run by then, even when a busy machine runs them all late.
    const outcome = await new Promise((resolve) => {
      setTimeout(() => resolve(ears.every((e) => e.offline()) ? 'offline' : 'still online after 3 s'), 3000)
    })
    expect(outcome).toBe('offline')
    expect(proxy.connections()).toBeGreaterThan(0) // nothing was closed: the clients noticed the silence
  }, 30_000)
})
