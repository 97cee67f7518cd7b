import type { OverviewDevice } from '../../../shared/schemas/centre'

/**
 * The screen a paired PC shows, from the role the hub gave it; null for the citizen home screen (a lobby kiosk,
 * a counter screen — in counter mode at its counter — and the hub's own windows). One set of screens: a role only
 * picks where the app starts and where "home" leads.
 */
export function deviceEntry(device: OverviewDevice | null): string | null {
  switch (device?.role) {
    case 'board':
      return '/board'
    case 'console':
      return device.counterId === null ? '/counter' : `/counter/${device.counterId}`
    case 'admin-client':
      return '/admin'
    default:
      return null
  }
}
