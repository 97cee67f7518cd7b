import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as CoreModuleNs from '../../electron/core/core'
import type { CoreOptions, LocalCore } from '../../electron/core/core'
import { loadNetworkRole } from '../../electron/main/network-role'
import { exactPin, PinnedAgent, pinnedRequest } from '../../electron/lan/pinned-client'
import { spkiSha256 } from '../../electron/lan/tls-identity'
import { cheapCost } from '../auth/helpers'
import { fixedClock, TEST_CLIENT } from '../helpers/core'
import { freePort } from '../helpers/free-port'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from '../lan/helpers'
import { unpairedClient } from '../lan/lan-fixture'
import { bootIndex, fakeEvent, spyLogger, STARTUP_WAIT, quietShellProcess, type FakeElectron } from './fake-electron'

/**
 * The hub's own kiosk window serving the centre network: index.ts booted against a fake Electron, with the real
 * core on a real SQLite file in a temporary user data dir (createCore is only watched, so the test can make a
 * pairing code on it), a real TLS server on 127.0.0.1 and a real paired client.
 */
type CoreModule = typeof CoreModuleNs
const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
const opened = vi.hoisted(() => ({ cores: [] as { options: CoreOptions; core: LocalCore }[] }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
vi.mock('../../electron/main/unattended/clock', () => ({ shellNow: () => Date.parse('2025-03-03T09:00:00+07:00') }))
vi.mock('../../electron/core/core', async (importActual) => {
  const actual = await importActual<CoreModule>()
  return {
    ...actual,
    createCore: (options: CoreOptions) => {
      const core = actual.createCore({ ...options, pinCost: cheapCost, clock: fixedClock() })
      opened.cores.push({ options, core })
      return core
    },
  }
})

beforeEach(() => {
  opened.cores = []
  quietShellProcess(tempDir())
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

/** index.ts started in `userData` with `network` as its network.json (none when undefined). */
async function boot(network?: unknown) {
  const userData = tempDir()
  if (network !== undefined) fs.writeFileSync(path.join(userData, 'network.json'), JSON.stringify(network))
  const fake = await bootIndex(electron, userData)
  onCleanup(() => void fake.app.emit('will-quit', fakeEvent()))
  return { fake, userData }
}

async function refused(port: number, spki: string): Promise<boolean> {
  const agent = new PinnedAgent(exactPin(spki))
  try {
    await pinnedRequest(agent, { host: '127.0.0.1', port }, { method: 'GET', path: '/v1/events' })
    return false
  } catch {
    return true
  } finally {
    agent.destroy()
  }
}

describe('the hub kiosk serves the centre network from its own window', () => {
  it('with network.json it serves a pinned, paired client on the configured port, and stops on quit', async () => {
    const port = await freePort()
    const { fake, userData } = await boot({ serveCentre: true, port, host: '127.0.0.1', announce: false })
    await vi.waitFor(() => expect(opened.cores).toHaveLength(1), STARTUP_WAIT)
    const { options, core } = opened.cores[0] ?? { options: null, core: null }
    const spki = spkiSha256(fs.readFileSync(path.join(userData, 'lan', 'hub-cert.pem'), 'utf8'))
    expect(options?.lan).toEqual({ addresses: ['127.0.0.1'], port, spki })
    // The key is sealed by the shell's secret store: only the sealed form is on disk.
    expect(fs.readFileSync(path.join(userData, 'lan', 'hub-key.sealed'), 'utf8')).not.toContain('PRIVATE KEY')

    const ticket = core?.devices.startPairing({ id: null, name: 'test' }, { role: 'board', counterId: null })
    expect(ticket?.qrText).toContain(`p=${port}`)
    const { client } = unpairedClient('TV sảnh', { silenceMs: 1000, maxReconnectDelayMs: 200 })
    // The port opens last in start(): until then a try is refused by the socket and consumes nothing.
    await vi.waitFor(async () => {
      expect(await client.invoke('link:pair', { code: ticket?.qrText }, TEST_CLIENT)).toMatchObject({ ok: true })
    }, STARTUP_WAIT)
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: true })

    fake.app.emit('will-quit', fakeEvent())
    expect(await refused(port, spki)).toBe(true)
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('quitting while the hub key is still being made: no database opens and no port is left open', async () => {
    const port = await freePort()
    const { fake } = await boot({ serveCentre: true, port, host: '127.0.0.1', announce: false })
    // start() is awaiting the hub's TLS identity (made on first start) when the kiosk is told to quit.
    fake.app.emit('will-quit', fakeEvent())
    const listening = () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
        socket.on('error', () => resolve(false))
      })
    // Bounded: what start() would still do after the quit is done well within this on a loaded machine.
    for (let i = 0; i < 100; i++) {
      expect(await listening(), `port still open, round ${i}`).toBe(false)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(opened.cores).toHaveLength(0)
  })

  it('without network.json, or with serving off, it opens no port and makes no pairing code', async () => {
    for (const network of [undefined, { serveCentre: false }]) {
      opened.cores = []
      await boot(network)
      await vi.waitFor(() => expect(opened.cores).toHaveLength(1), STARTUP_WAIT)
      expect(opened.cores[0]?.options.lan).toBeUndefined()
      expect(() => opened.cores[0]?.core.devices.startPairing({ id: null, name: 'x' }, { role: 'board', counterId: null })).toThrow(
        'not serving the centre network',
      )
    }
  })

  it("a hub file's mistake is named in the log and serves nothing; the kiosk itself still starts", () => {
    const dir = tempDir()
    const log = spyLogger()
    for (const [text, said] of [
      [JSON.stringify({ serveCentre: true, port: 70000 }), /port/],
      [JSON.stringify({ serveCentre: true, host: 'every' }), /IPv4/],
    ] as const) {
      fs.writeFileSync(path.join(dir, 'network.json'), text)
      expect(loadNetworkRole(path.join(dir, 'network.json'), log)).toEqual({ kind: 'standalone' })
      expect(log.warn).toHaveBeenLastCalledWith(expect.stringMatching(said))
    }
    fs.writeFileSync(path.join(dir, 'network.json'), JSON.stringify({ serveCentre: true }))
    expect(loadNetworkRole(path.join(dir, 'network.json'), log)).toEqual({
      kind: 'hub',
      settings: { serveCentre: true, port: 8443, host: '0.0.0.0', announce: true },
    })
  })
})
