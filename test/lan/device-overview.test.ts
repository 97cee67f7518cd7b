import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CallContext } from '../../electron/core/dispatch'
import type { CentreOverview } from '../../shared/schemas/centre'
import type { DeviceRole } from '../../shared/schemas/devices'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { demoIds, value, writeSetting } from '../queue/helpers'

/** What the hub server passes for a paired PC: the device it authenticated, never anything the client said. */
function asDevice(role: DeviceRole, counterId: number | null): CallContext {
  return { clientId: 'lan:device:window', device: { id: crypto.randomUUID(), role, counterId } }
}

describe('centre:overview follows the paired device’s role', () => {
  it('a counter screen is in counter mode at its own counter, whatever mode the hub is in', async () => {
    const core = testCore()
    const { counter } = await demoIds(core)
    const c1 = counter[1] ?? 0
    const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, asDevice('counter-screen', c1)))
    expect(overview.kiosk).toMatchObject({ mode: 'counter', counterId: c1 })
    expect(overview.device).toEqual({ role: 'counter-screen', counterId: c1 })
  })

  it('every other role is in lobby mode, so no counter-mode rating opens on a board, console or IT screen', async () => {
    const core = testCore()
    const { counter } = await demoIds(core)
    const c2 = counter[2] ?? 0
    // The hub itself in counter mode at counter 2: none of that may leak into the other PCs' screens.
    writeSetting(core.dbFile, 'kiosk', { ...(await hubKiosk(core)), mode: 'counter', counterId: c2 })
    for (const [role, counterId] of [
      ['lobby', null],
      ['board', null],
      ['console', c2],
      ['admin-client', null],
    ] as const) {
      const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, asDevice(role, counterId)))
      expect(overview.kiosk, role).toMatchObject({ mode: 'lobby', counterId: null })
      expect(overview.device, role).toEqual({ role, counterId })
    }
  })

  it('the hub’s own windows get the hub’s settings as they are, and no device', async () => {
    const core = testCore()
    const { counter } = await demoIds(core)
    const c2 = counter[2] ?? 0
    const kiosk = { ...(await hubKiosk(core)), mode: 'counter' as const, counterId: c2, language: 'en' as const }
    writeSetting(core.dbFile, 'kiosk', kiosk)
    const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, TEST_CLIENT))
    expect(overview.kiosk).toEqual(kiosk)
    expect(overview.device).toBeNull()
    // A device keeps the hub's language, idle times and display lock-down: only the mode is its own.
    const board = await value<CentreOverview>(core.invoke('centre:overview', {}, asDevice('board', null)))
    expect(board.kiosk).toEqual({ ...kiosk, mode: 'lobby', counterId: null })
  })
})

async function hubKiosk(core: ReturnType<typeof testCore>): Promise<CentreOverview['kiosk']> {
  return (await value<CentreOverview>(core.invoke('centre:overview', {}, TEST_CLIENT))).kiosk
}
