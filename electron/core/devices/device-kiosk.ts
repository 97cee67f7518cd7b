import type { KioskSettings, OverviewDevice } from '../../../shared/schemas/centre'

/**
 * How a paired PC's screens behave, from the hub's settings and the device's role. The hub's language, idle times
 * and display lock-down hold for every PC; the mode does not: a counter screen is in counter mode at its own
 * counter, whatever the hub itself is, and every other role is in lobby mode so that no counter-mode rating pops up
 * on a board, a console or IT's screen (the renderer routes those on `device.role`).
 */
export function kioskForDevice(hub: KioskSettings, device: OverviewDevice | null): KioskSettings {
  if (device === null) return hub
  if (device.role === 'counter-screen' && device.counterId !== null) {
    return { ...hub, mode: 'counter', counterId: device.counterId }
  }
  return { ...hub, mode: 'lobby', counterId: null }
}
