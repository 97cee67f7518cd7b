import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { createCore, type LocalCore } from '../../electron/core/core'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { loadOrCreateHubIdentity } from '../../electron/lan/tls-identity'
import type { EventName } from '../../shared/channels'
import type { Core } from '../../electron/core/core'
import type { PairStart } from '../../shared/schemas/devices'
import type { QueueBoard } from '../../shared/schemas/queue'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, resourcesDir, TEST_CLIENT } from '../helpers/core'
import { freePort } from '../helpers/free-port'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from './helpers'
import { linkState, quiet, unpairedClient, until } from './lan-fixture'

/**
 * The headless hub (`out/main/hub.js`, built by `npx electron-vite build`) as its own process, as the e2e runs it:
 * its own event loop, so a test can freeze it (SIGSTOP: the kernel still accepts connections, nothing answers)
 * without freezing the clients, or freeze the clients without freezing it, and kill it with SIGKILL.
 */

const hubBundle = path.resolve(__dirname, '../../out/main/hub.js')

/** Every host's clock starts here (`--clock-start`), as in the e2e: a restarted hub's clock starts here again. */
export const CLOCK_START = Date.UTC(2026, 10, 26, 2, 0, 0)

/** The client's shipped timings: silence 2.5 s against the hub's 2 s heartbeat, reconnect backoff capped at 2 s. */
export const SHIPPED = { silenceMs: 2500, maxReconnectDelayMs: 2000 }

export interface HubProcess {
  child: ChildProcess
  kill(): Promise<void>
  /** The hub's event loop stops: connections are accepted by the kernel, nothing is read or answered. */
  freeze(): void
  thaw(): void
}

export interface HubDir {
  dataDir: string
  port: number
  /** A core on the hub's database while no hub process runs (the e2e's hub is down meanwhile too). */
  offline<T>(work: (core: LocalCore) => Promise<T>): Promise<T>
  start(): Promise<HubProcess>
}

/** A hub data dir with its identity and an admin, on a port of its own that a restart keeps. */
export async function hubDir(): Promise<HubDir> {
  const dataDir = tempDir()
  const secrets = fileSecretStore(path.join(dataDir, 'secrets'))
  const identity = await loadOrCreateHubIdentity({ dataDir, secrets, clock: fixedClock(CLOCK_START) })
  const port = await freePort()
  const offline = async <T>(work: (core: LocalCore) => Promise<T>): Promise<T> => {
    const core = createCore({
      dataDir,
      resourcesDir,
      shell: 'web',
      appVersion: 'test',
      secrets,
      // The hub process's clock starts at the same instant: a code made here is valid there.
      clock: fixedClock(CLOCK_START),
      pinCost: cheapCost,
      log: quiet,
      lan: { addresses: ['127.0.0.1'], port, spki: identity.spki },
    })
    try {
      return await work(core)
    } finally {
      core.close()
    }
  }
  return { dataDir, port, offline, start: () => startHubProcess(dataDir, port) }
}

async function startHubProcess(dataDir: string, port: number): Promise<HubProcess> {
  const args = ['--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1', '--no-announce']
  const child = spawn(process.execPath, [hubBundle, ...args, '--clock-start', String(CLOCK_START)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
  onCleanup(kill)
  const lines = createInterface({ input: child.stdout ?? process.stdin })
  await new Promise<void>((resolve, reject) => {
    lines.once('line', () => resolve())
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)))
  })
  return {
    child,
    kill,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  }
}

/** What a client's screens hear. */
export function ear(client: Core) {
  const heard: { event: EventName; payload: unknown }[] = []
  client.subscribe((event, payload) => heard.push({ event, payload }))
  const states = () =>
    heard.filter((h) => h.event === 'link:status').map((h) => (h.payload as { state?: string }).state ?? '')
  return {
    heard,
    states,
    offline: () => states().includes('offline'),
    /** The board this client's screens were last given. */
    board: () => heard.filter((h) => h.event === 'queue:changed').map((h) => h.payload as QueueBoard).at(-1),
    clear: () => void heard.splice(0),
  }
}

export const waiting = (board: QueueBoard | undefined): number | undefined =>
  board?.waiting.reduce((sum, field) => sum + field.waiting, 0)

/** Pairing codes for `requests`, made on the hub's database before the hub starts. */
export function pairingCodes(dir: HubDir, requests: PairStart[]): Promise<string[]> {
  return dir.offline(async (core) => {
    await loginAdmin(core)
    const codes: string[] = []
    for (const request of requests) codes.push((await call(core, 'devices:pairStart', request)).qrText)
    return codes
  })
}

/** A client with the shipped timings paired by `code`, online before it is returned. */
export async function pairedWithShipped(code: string, name: string): Promise<Core> {
  const { client } = unpairedClient(name, { ...SHIPPED, appVersion: 'test' })
  const paired = await client.invoke('link:pair', { code }, TEST_CLIENT)
  if (!paired.ok) throw new Error(`pairing failed: ${JSON.stringify(paired)}`)
  await until(() => linkState(client).then((s) => s === 'online'), `${name} online`)
  return client
}

/** Resolves `true` once `check` holds, `false` if it still does not after `ms` (the promise's bound). */
export async function within(ms: number, check: () => boolean | Promise<boolean>): Promise<boolean> {
  let late = false
  const timer = setTimeout(() => (late = true), ms)
  try {
    while (!late) {
      if (await check()) return true
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return check()
  } finally {
    clearTimeout(timer)
  }
}
