import path from 'node:path'
import { z } from 'zod'
import type { Clock } from '../core/clock'
import type { LocalCore } from '../core/core'
import type { SecretStore } from '../core/device/secret-store'
import type { LanInfo } from '../core/devices/device-service'
import { announceHub, hubServiceName } from '../lan/discovery'
import { startHubServer, type HubServer } from '../lan/hub-server'
import { startMirrorSchedule } from '../lan/update-mirror'
import { loadOrCreateHubIdentity, localAddresses } from '../lan/tls-identity'
import { DEFAULT_HUB_PORT } from '../lan/wire'
import type { UpdateConfig } from '../../shared/schemas/updates'
import type { ShellLogger } from './log'

const Ipv4 = z.string().regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/, 'an IPv4 address')

/**
 * Whether this kiosk is the centre's hub on the LAN. Kept by the shell in `<userData>/network.json` (IT writes it
 * once when the centre starts using counter screens, consoles, boards or lobby kiosks on other PCs; README "Một
 * trung tâm, nhiều máy"): it is about this PC and its firewall, read before the database opens, like
 * unattended.json. Without the file the kiosk serves nothing and opens no port.
 */
export const NetworkSettingsSchema = z.strictObject({
  serveCentre: z.boolean(),
  /** The one port to open in the firewall; the same default as `npm run hub`. */
  port: z.number().int().min(1).max(65535).default(DEFAULT_HUB_PORT),
  /** Which address to listen on; every interface by default (the counters are on the LAN). */
  host: Ipv4.default('0.0.0.0'),
  /** DNS-SD on the LAN (discovery.ts), so new clients' pairing screens offer this hub; off where multicast is unwanted. */
  announce: z.boolean().default(true),
})
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>


export interface HubServing {
  /** What core puts in pairing codes; its port is the one actually listened on once `serve` resolved. */
  lan: LanInfo
  /**
   * Starts the HTTPS server for `core` and announces it; null (logged) when it cannot listen, e.g. the port is
   * taken. Its `close` also ends the announcement.
   */
  serve(core: LocalCore): Promise<ServedHub | null>
}

/** The hub's server, whose update mirror hears at once when IT changes the feed or the channel. */
export type ServedHub = HubServer & { updatesConfigured(): void }

/**
 * The hub's TLS identity for this kiosk, made once and kept like `npm run hub` keeps it (tls-identity.ts), with
 * the private key sealed by the shell's secret store — the OS keychain. Null (logged) when it cannot be made: the
 * kiosk then runs on its own rather than not at all.
 */
export async function prepareHubServing(
  settings: NetworkSettings,
  deps: {
    dataDir: string
    secrets: SecretStore
    clock: Clock
    log: ShellLogger
    /** The feed IT set in admin: mirrored into `<dataDir>/updates` for the paired clients, as `npm run hub` does. */
    updateConfig: () => UpdateConfig
    /** Tests fire the mirror's timers by hand and play the province's server. */
    mirror?: Pick<Parameters<typeof startMirrorSchedule>[0], 'setTimeout' | 'fetch'>
  },
): Promise<HubServing | null> {
  const { log } = deps
  let identity
  try {
    identity = await loadOrCreateHubIdentity(deps)
  } catch (error) {
    log.error('the hub key could not be loaded: the centre network is not served', error)
    return null
  }
  const addresses = settings.host === '0.0.0.0' ? localAddresses() : [settings.host]
  const lan: LanInfo = { addresses, port: settings.port, spki: identity.spki }
  return {
    lan,
    async serve(core) {
      try {
        // The clients' updater asks the hub, not the province (updater.ts hubMirrorFeed): without the mirror a
        // centre whose hub has a screen would never update its counter PCs.
        const updatesDir = path.join(deps.dataDir, 'updates')
        const server = await startHubServer({ core, identity, port: settings.port, host: settings.host, updatesDir })
        lan.port = server.port
        log.info(`serving the centre network on port ${server.port} (key ${identity.spki})`)
        const mirror = startMirrorSchedule({
          ...deps.mirror,
          dir: updatesDir,
          config: deps.updateConfig,
          now: () => deps.clock.now(),
          log: (message) => log.warn(message),
        })
        const announcement = settings.announce
          ? announceHub({ name: hubServiceName(), port: server.port, spki: identity.spki }, log)
          : null
        const close = () => {
          mirror.stop()
          return Promise.all([announcement?.stop(), server.close()]).then(() => undefined)
        }
        return { ...server, close, updatesConfigured: mirror.configured }
      } catch (error) {
        log.error(`the centre network cannot be served on port ${settings.port}`, error)
        return null
      }
    },
  }
}
