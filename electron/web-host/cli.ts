import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { APP_VERSION } from '../build-info'
import { createCore } from '../core/core'
import { fileSecretStore } from '../core/device/secret-store'
import { browseHubs } from '../lan/discovery'
import { createRemoteCore } from '../lan/remote-core'
import { clockFromStart, parsePort, runCli, stopOnSignals } from '../cli-common'
import { startWebHost } from './server'

/**
 * `node out/main/web-host.js [--port 5180] [--data-dir .data/web] [--clock-start <instant>]` — runs the kiosk in
 * any browser at http://127.0.0.1:<port>/ without Electron. Prints one JSON line `{"url", "dataDir", "now"}` on
 * stdout once it listens (`now`: the host's clock at that moment, epoch ms).
 * `--clock-start` is for tests only: the host's clock starts at that instant (epoch ms, or ISO 8601 with its zone)
 * and runs in real time from there, so end-to-end tests work on a known date, never on the machine's.
 * This bundle lives in out/main/, so the built renderer and the shipped resources are found relative to it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      'data-dir': { type: 'string', default: path.resolve('.data', 'web') },
      // A client PC of a centre network: no database here, every call goes to the paired hub (link.json).
      client: { type: 'boolean', default: false },
      // With --client: listen for hubs announcing themselves (DNS-SD), for the pairing screen to offer.
      discover: { type: 'boolean', default: false },
      'clock-start': { type: 'string' },
    },
  })
  const port = parsePort(values.port)
  const clock = clockFromStart(values['clock-start'])
  const projectRoot = path.resolve(__dirname, '..', '..')
  const dataDir = path.resolve(values['data-dir'])
  const appVersion = APP_VERSION
  const core = values.client
    ? createRemoteCore({
        dataDir,
        secrets: fileSecretStore(path.join(dataDir, 'secrets')),
        clock,
        appVersion,
        name: `Máy ${os.hostname()}`.slice(0, 60),
        log: { error: (m, e) => console.error(`[client] ${m}`, e ?? ''), info: (m) => console.info(`[client] ${m}`) },
        ...(values.discover ? { discover: () => browseHubs({}, (e) => console.error('[client] discovery failed', e)) } : {}),
      })
    : createCore({ dataDir, resourcesDir: path.join(projectRoot, 'resources'), shell: 'web', appVersion, clock })
  const host = await startWebHost({ core, rendererDir: path.join(projectRoot, 'out', 'renderer'), port })
  core.startBackgroundJobs() // the upload timer (does nothing until a collector is configured)
  process.stdout.write(`${JSON.stringify({ url: host.url, dataDir: path.resolve(values['data-dir']), now: clock.now() })}\n`)
  process.stderr.write(`Kiosk (web test host) at ${host.url} — data in ${path.resolve(values['data-dir'])}\n`)
  stopOnSignals(host, core)
}

runCli(main)
