import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { Result } from '../../shared/result'
import { TEST_CLIENT } from '../helpers/core'
import { demoIds } from '../queue/helpers'
import { ear, hubDir, pairedWithShipped, pairingCodes, waiting, within } from './hub-process'
import { linkState } from './lan-fixture'

/**
 * The other side of issue 11's promise: the client PC itself stalls (its timers then fire late, all at once, with
 * the stream's bytes waiting behind them), or the link drops with many calls on it. Hub in its own process.
 */

/** Blocks this process's event loop, as a busy renderer host or a swapping PC does. */
function stall(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // busy: no timer, no socket is served meanwhile
  }
}

async function lobbyAndBoard() {
  const dir = await hubDir()
  const { field } = await dir.offline(demoIds)
  const [lobbyCode, boardCode] = await pairingCodes(dir, [
    { role: 'lobby', counterId: null },
    { role: 'board', counterId: null },
  ])
  const hub = await dir.start()
  const lobby = await pairedWithShipped(lobbyCode ?? '', 'Kiosk sảnh 2')
  const board = await pairedWithShipped(boardCode ?? '', 'TV')
  return { dir, hub, lobby, board, fieldId: field.A ?? 0 }
}

const take = (lobby: Core, fieldId: number) => lobby.invoke('queue:take', { fieldId, priorityGroup: null }, TEST_CLIENT)

describe('probe: the client stalls, or its calls are cut', () => {
  it('the client’s own event loop blocked for 1 s, 3 s and 6 s: it is live again within 5 s', async () => {
    const net = await lobbyAndBoard()
    const screens = ear(net.board)
    let taken = 0
    for (const ms of [1000, 3000, 6000]) {
      stall(ms)
      const back = await within(5000, async () => (await linkState(net.board)) === 'online' && (await linkState(net.lobby)) === 'online')
      expect(back, `after ${ms} ms: ${screens.states().join('>')}`).toBe(true)
      expect(await take(net.lobby, net.fieldId)).toMatchObject({ ok: true })
      taken += 1
      expect(await within(5000, () => waiting(screens.board()) === taken), `after ${ms} ms: the board hears the stream`).toBe(true)
    }
  }, 90_000)

  it('40 calls in flight when the hub is killed: each settles, and the client is live within 5 s of the hub’s return', async () => {
    const net = await lobbyAndBoard()
    const screens = ear(net.board)
    const calls: Promise<Result<unknown>>[] = []
    for (let i = 0; i < 40; i++) calls.push(net.board.invoke('queue:board', {}, TEST_CLIENT))
    await net.hub.kill()
    // Every call ends, answered or refused with the apology: none is left hanging on a dead socket.
    const settled = await Promise.race([
      Promise.all(calls).then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('a call still pending after 12 s'), 12_000)),
    ])
    expect(settled).toBe('settled')
    expect(await within(3000, () => screens.offline())).toBe(true)
    const hub = await net.dir.start()
    expect(await within(5000, async () => (await linkState(net.board)) === 'online')).toBe(true)
    expect(await take(net.lobby, net.fieldId)).toMatchObject({ ok: true })
    expect(await within(5000, () => waiting(screens.board()) === 1)).toBe(true)
    await hub.kill()
  }, 60_000)

  it('40 calls in flight while the hub is frozen 4 s: the stream is not queued behind them for ever', async () => {
    const net = await lobbyAndBoard()
    const screens = ear(net.board)
    // Warm the agent: several keep-alive sockets open, as a busy screen has.
    await Promise.all(Array.from({ length: 20 }, () => net.board.invoke('queue:board', {}, TEST_CLIENT)))
    net.hub.freeze()
    const calls = Array.from({ length: 40 }, () => net.board.invoke('queue:board', {}, TEST_CLIENT))
    await new Promise((resolve) => setTimeout(resolve, 4000))
    screens.clear()
    net.hub.thaw()
    expect(await within(5000, async () => (await linkState(net.board)) === 'online'), screens.states().join('>')).toBe(true)
    await Promise.all(calls)
    expect(await take(net.lobby, net.fieldId)).toMatchObject({ ok: true })
    expect(await within(5000, () => waiting(screens.board()) === 1)).toBe(true)
  }, 60_000)
})

describe('probe: a kept-alive connection the hub has closed meanwhile', () => {
  it('a call made as the client wakes from a stall, on a connection idle past the hub’s keep-alive, is answered', async () => {
    const net = await lobbyAndBoard()
    // One call leaves a kept-alive connection idle in the client's pool.
    expect(await net.lobby.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })
    // A loaded PC: the client is not scheduled past the hub's idle limit for kept-alive connections, then serves
    // a screen's tap before its own timers, so the idle connection is taken up again while the hub's close of it
    // is still unread.
    stall(7000)
    const pending = take(net.lobby, net.fieldId)
    expect(await pending).toMatchObject({ ok: true })
  }, 30_000)
})
