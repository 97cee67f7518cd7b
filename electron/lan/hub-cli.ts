import path from 'node:path'
import { parseArgs } from 'node:util'
import { APP_VERSION } from '../build-info'
import { createCore } from '../core/core'
import { fileSecretStore } from '../core/device/secret-store'
import type { LanInfo } from '../core/devices/device-service'
import { clockFromStart, parsePort, runCli, stopOnSignals } from '../cli-common'
import { announceHub, hubServiceName } from './discovery'
import { defaultUpdateConfig, type UpdateConfig } from '../../shared/schemas/updates'
import { startHubServer } from './hub-server'
import { startMirrorSchedule } from './update-mirror'
import { loadOrCreateHubIdentity, localAddresses } from './tls-identity'
import { DEFAULT_HUB_PORT } from './wire'

/**
 * `npm run hub -- --data-dir … --port 8443 [--no-announce]` — the hub without a screen, for a centre that keeps a server PC in a
 * cabinet; IT manages it from a paired admin client. Prints one JSON line `{"url", "spki", "dataDir", "now"}` once
 * it listens; with `--pair-admin` also `adminPairing`, a one-time code (10 minutes) for the first admin client.
 * `--clock-start <instant>` is for tests, as on the web host.
 * Headless there is no OS keychain: secrets are files readable by the service account only.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_HUB_PORT) },
      host: { type: 'string', default: '0.0.0.0' },
      'data-dir': { type: 'string', default: path.resolve('.data', 'hub') },
      // Tests only, as the web host's: the clock starts at this instant and runs in real time from there.
      'clock-start': { type: 'string' },
      // The first admin client of a hub without a screen: nobody can open Quản trị → Thiết bị on the hub itself.
      'pair-admin': { type: 'boolean', default: false },
      // DNS-SD on the LAN, so new clients' pairing screens offer this hub; `--no-announce` where multicast is unwanted.
      announce: { type: 'boolean', default: true },
    },
    allowNegative: true,
  })
  const port = parsePort(values.port)
  const clock = clockFromStart(values['clock-start'])
  const dataDir = path.resolve(values['data-dir'])
  const secrets = fileSecretStore(path.join(dataDir, 'secrets'))
  const identity = await loadOrCreateHubIdentity({ dataDir, secrets, clock })
  const addresses = values.host === '0.0.0.0' ? localAddresses() : [values.host]
  // The port is filled in once the server listens (it may be 0 = any free port): pairing codes read it then.
  const lan: LanInfo = { addresses, port, spki: identity.spki }
  // The feed IT sets in admin, mirrored into <dataDir>/updates for the paired clients (update-mirror.ts).
  let updateConfig: UpdateConfig = defaultUpdateConfig
  const updatesDir = path.join(dataDir, 'updates')
  const mirror = startMirrorSchedule({
    dir: updatesDir,
    config: () => updateConfig,
    now: () => clock.now(),
    log: (message) => process.stderr.write(`${message}\n`),
  })
  const core = createCore({
    dataDir,
    resourcesDir: path.join(path.resolve(__dirname, '..', '..'), 'resources'),
    shell: 'web',
    appVersion: APP_VERSION,
    secrets,
    lan,
    clock,
    updates: {
      state: mirror.state,
      configured: (config) => {
        updateConfig = config
        mirror.configured()
      },
    },
  })
  const hub = await startHubServer({ core, identity, port, host: values.host, updatesDir })
  lan.port = hub.port
  core.startBackgroundJobs()
  // Audited like a code made on screen, with the service account as the actor.
  const adminPairing = values['pair-admin']
    ? core.devices.startPairing({ id: null, name: 'npm run hub --pair-admin' }, { role: 'admin-client', counterId: null })
    : undefined
  process.stdout.write(`${JSON.stringify({ url: hub.url, spki: identity.spki, dataDir, now: clock.now(), adminPairing })}\n`)
  process.stderr.write(`Kiosk hub at ${hub.url} (key ${identity.spki}) — data in ${dataDir}\n`)
  const announcement = values.announce
    ? announceHub({ name: hubServiceName(), port: hub.port, spki: identity.spki }, { error: (m, e) => console.error(m, e ?? '') })
    : null
  stopOnSignals({ close: () => Promise.all([announcement?.stop(), hub.close()]).then(() => undefined) }, core)
}

runCli(main)
