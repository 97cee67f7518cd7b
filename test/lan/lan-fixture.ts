import Database from 'better-sqlite3'
import { expect } from 'vitest'
import type { Clock } from '../../electron/core/clock'
import type { Core, LocalCore } from '../../electron/core/core'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import type { LanInfo } from '../../electron/core/devices/device-service'
import type { EventListener } from '../../electron/core/event-hub'
import { startHubServer, type HubServer, type HubServerOptions } from '../../electron/lan/hub-server'
import { readLink } from '../../electron/lan/link-store'
import { createRemoteCore, type RemoteCoreOptions } from '../../electron/lan/remote-core'
import type { EventName } from '../../shared/channels'
import type { PairStart } from '../../shared/schemas/devices'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup, testIdentity } from './helpers'

export const quiet = { error: () => {}, info: () => {} }

/** Polls `check` every 10 ms for at most `tries` rounds (a bound, not a timing assertion). */
export async function until(check: () => boolean | Promise<boolean>, what: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`never happened: ${what}`)
}

type HubOverrides = Pick<HubServerOptions, 'maxStreamBufferBytes' | 'heartbeatMs' | 'updatesDir'> & {
  /** Runs after the hub's core answered a LAN call and before the answer is sent: a test can hold an answer back. */
  afterCall?: (channel: unknown) => Promise<void>
}

/** A hub core on a real SQLite file served over real TLS on 127.0.0.1, with a way to push any event. */
export async function startHub(overrides: HubOverrides & { clock?: Clock } = {}) {
  const identity = await testIdentity()
  const lan: LanInfo = { addresses: ['127.0.0.1'], port: 0, spki: identity.spki }
  const local = testCore({ lan, pinCost: cheapCost, clock: overrides.clock ?? fixedClock() })
  let publish: EventListener = () => {}
  // The hub's one listener, kept so a test can push large frames without making thousands of tickets.
  const { afterCall, ...options } = overrides
  const core: LocalCore = {
    ...local,
    subscribe: (listener) => ((publish = listener), local.subscribe(listener)),
    invoke: async (channel, input, ctx) => {
      const result = await local.invoke(channel, input, ctx)
      await afterCall?.(channel)
      return result
    },
  }
  const serve = async (port: number): Promise<HubServer> => {
    const server = await startHubServer({ core, identity, port, host: '127.0.0.1', heartbeatMs: 200, ...options })
    onCleanup(() => server.close())
    return server
  }
  const hub = await serve(0)
  lan.port = hub.port
  return {
    core: local,
    hub,
    identity,
    /** The same core served again on the same port (after `hub.close()`): a hub restart. */
    restart: () => serve(hub.port),
    publish: (event: EventName, payload: unknown) => publish(event, payload),
  }
}

export interface PairedClient {
  client: Core
  dataDir: string
  ticket: { qrText: string; shortCode: string; address: string }
  /** The Authorization header value this client sends. */
  bearer: () => string
}

/** A RemoteCore not paired yet, in its own data dir, closed after the test. `options` override the test defaults. */
export function unpairedClient(name = 'Máy mới', options: Partial<RemoteCoreOptions> = {}): { client: Core; dataDir: string } {
  const dataDir = tempDir()
  const client = createRemoteCore({
    dataDir,
    secrets: fileSecretStore(`${dataDir}/secrets`),
    clock: fixedClock(),
    appVersion: '0.1.0',
    name,
    log: quiet,
    ...options,
  })
  onCleanup(() => client.close())
  return { client, dataDir }
}

/** A RemoteCore paired with the hub through a fresh pairing code, online before it is returned. */
export async function pairClient(
  core: LocalCore,
  request: PairStart = { role: 'lobby', counterId: null },
  options: Partial<RemoteCoreOptions> = {},
  /** Reaches the hub another way (e.g. through a proxy's port): rewrites the scanned QR text. */
  viaPort?: number,
): Promise<PairedClient> {
  await loginAdmin(core)
  const ticket = await call(core, 'devices:pairStart', request)
  const { client, dataDir } = unpairedClient('Kiosk sảnh 2', { silenceMs: 1000, maxReconnectDelayMs: 200, ...options })
  const code = viaPort === undefined ? ticket.qrText : ticket.qrText.replace(/([?&]p=)\d+/, `$1${viaPort}`)
  const paired = await client.invoke('link:pair', { code }, TEST_CLIENT)
  expect(paired).toMatchObject({ ok: true, value: { role: request.role } })
  await until(() => linkState(client).then((s) => s === 'online'), 'client online')
  const bearer = () => {
    const link = readLink(dataDir)
    const secret = fileSecretStore(`${dataDir}/secrets`).getOrCreate(link?.credentialName ?? 'x', 32)
    return `Bearer ${link?.deviceId}.${secret.toString('base64url')}`
  }
  return { client, dataDir, ticket, bearer }
}

export async function linkState(client: Core): Promise<string | undefined> {
  const s = await client.invoke('link:status', {}, TEST_CLIENT)
  return s.ok ? (s.value as { state?: string }).state : undefined
}

export function count(dbFile: string, sql: string, ...params: unknown[]): unknown {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare(sql).pluck().get(...params)
  } finally {
    db.close()
  }
}
