import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { PairStart } from '../../shared/schemas/devices'
import { call } from '../auth/helpers'
import { TEST_CLIENT } from '../helpers/core'
import { demoIds } from '../queue/helpers'
import { ear, hubDir, pairedWithShipped, pairingCodes, waiting, within, type HubDir, type HubProcess } from './hub-process'
import { linkState } from './lan-fixture'

/**
 * Issue 11's promise, probed from below with the hub in its own process and the client's shipped timings: a
 * client shows "Mất kết nối" within 3 s of the hub going away, and is online again BY ITSELF within 5 s of the hub
 * being reachable, with a fresh picture. Every role a centre has is among the clients.
 */

const ROLES = (counterId: number): PairStart[] => [
  { role: 'lobby', counterId: null },
  { role: 'board', counterId: null },
  { role: 'counter-screen', counterId },
  { role: 'console', counterId },
  { role: 'admin-client', counterId: null },
]

async function centre(): Promise<{ dir: HubDir; hub: HubProcess; clients: Core[]; fieldId: number }> {
  const dir = await hubDir()
  const { field, counter } = await dir.offline(demoIds)
  const codes = await pairingCodes(dir, ROLES(counter[1] ?? 0))
  const hub = await dir.start()
  const clients: Core[] = []
  for (const [i, code] of codes.entries()) clients.push(await pairedWithShipped(code, `Máy ${i + 1}`))
  return { dir, hub, clients, fieldId: field.A ?? 0 }
}

const allOnline = async (clients: Core[]) => (await Promise.all(clients.map(linkState))).every((s) => s === 'online')

/** One number taken on the hub's database: the next board shows `total` waiting. */
const take = (dir: HubDir, fieldId: number) =>
  dir.offline((core) => call(core, 'queue:take', { fieldId, priorityGroup: null }))

describe('probe: a client comes back by itself after the hub is back', () => {
  it('hub killed (SIGKILL) and started again, its clock back at the start and its numbers at 0, three times', async () => {
    const net = await centre()
    let hub = net.hub
    const ears = net.clients.map(ear)
    for (let round = 1; round <= 3; round++) {
      await hub.kill()
      expect(await within(3000, () => ears.every((e) => e.offline())), `round ${round}: all offline within 3 s`).toBe(true)
      for (const e of ears) e.clear()
      // Taken while no hub runs: no client can have heard of it, only a fresh picture shows it.
      await take(net.dir, net.fieldId)
      hub = await net.dir.start()
      const back = await within(5000, async () => (await allOnline(net.clients)) && ears.every((e) => waiting(e.board()) === round))
      const seen = ears.map((e) => `${e.states().join('>')} board ${waiting(e.board())}`)
      expect(back, `round ${round}: ${JSON.stringify(seen)}`).toBe(true)
    }
  }, 90_000)

  it('hub frozen for 0.6 s, 1.5 s, 3 s and 6 s (its event loop blocked): every client is live again within 5 s', async () => {
    const net = await centre()
    const ears = net.clients.map(ear)
    const lobby = net.clients[0] as Core
    let taken = 0
    for (const ms of [600, 1500, 3000, 6000]) {
      net.hub.freeze()
      await new Promise((resolve) => setTimeout(resolve, ms))
      for (const e of ears) e.clear()
      net.hub.thaw()
      const back = await within(5000, () => allOnline(net.clients))
      expect(back, `after ${ms} ms: ${JSON.stringify(ears.map((e) => e.states()))}`).toBe(true)
      // Online is not enough: the stream must carry events again and calls must be answered.
      const result = await lobby.invoke('queue:take', { fieldId: net.fieldId, priorityGroup: null }, TEST_CLIENT)
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true })
      taken += 1
      const live = await within(5000, () => ears.every((e) => waiting(e.board()) === taken))
      expect(live, `after ${ms} ms: boards ${JSON.stringify(ears.map((e) => waiting(e.board())))}`).toBe(true)
    }
  }, 90_000)
})
