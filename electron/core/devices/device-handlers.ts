import type { AuthService } from '../auth/auth-service'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import { deviceClientPrefix, type DeviceService } from './device-service'

type DeviceCall = 'devices:list' | 'devices:pairStart' | 'devices:rename' | 'devices:move' | 'devices:revoke'
type LinkCall = 'link:status' | 'link:pair' | 'link:discover'

/** Quản trị → Thiết bị: IT only (an admin session on this client). */
export function createDeviceHandlers({ devices, auth }: { devices: DeviceService; auth: AuthService }): Pick<
  Handlers,
  DeviceCall | LinkCall
> {
  return {
    'devices:list': (_input, { clientId }) => {
      auth.require(clientId, 'admin')
      return devices.list()
    },
    'devices:pairStart': (input, { clientId }) => devices.startPairing(auth.require(clientId, 'admin'), input),
    'devices:rename': ({ id, name }, { clientId }) => devices.rename(auth.require(clientId, 'admin'), id, name),
    'devices:move': ({ id, counterId }, { clientId }) => {
      const moved = devices.move(auth.require(clientId, 'admin'), id, counterId)
      // Whoever is logged in on that PC logged in at the old counter: they log in again at the new one.
      auth.logoutClients(deviceClientPrefix(id), 'device moved')
      return moved
    },
    'devices:revoke': ({ id }, { clientId }) => devices.revoke(auth.require(clientId, 'admin'), id),

    // This core holds the database: it is a single kiosk or the hub, never a client (remote-core.ts answers these
    // on a client PC).
    'link:status': () => ({ mode: 'local' as const }),
    'link:pair': () => {
      throw new AppError('CONFLICT', 'this kiosk holds the database: it is not paired with another')
    },
    'link:discover': () => [],
  }
}
