import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as CoreModuleNs from '../../electron/core/core'
import { DB_FILE_NAME } from '../../electron/core/core'
import { readLink } from '../../electron/lan/link-store'
import { loadNetworkRole } from '../../electron/main/network-role'
import { keychainSealer } from '../../electron/main/secret-store/sealers'
import { ADMIN_PIN, call, loginAdmin } from '../auth/helpers'
import { freePort } from '../helpers/free-port'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from '../lan/helpers'
import { startHub, until } from '../lan/lan-fixture'
import { bootIndex, fakeEvent, must, spyLogger, STARTUP_WAIT, quietShellProcess, type FakeElectron } from './fake-electron'

/**
 * A counter PC running the installed app as a client of the centre network: index.ts booted against a fake
 * Electron with `{"role": "client"}` in network.json, talking over real TLS on 127.0.0.1 to a real hub (a real
 * core on a real SQLite file). Everything the renderer does goes through the shell's IPC handlers.
 */
type CoreModule = typeof CoreModuleNs
const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
/** Every local core the shell opens: a client must open none. */
const opened = vi.hoisted(() => ({ count: 0 }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
/** electron-updater needs a real Electron: a recording stand-in (updater.test.ts drives the logic). */
const updates = vi.hoisted(() => ({ autoUpdater: null as null | Record<string, unknown> }))
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return updates.autoUpdater
  },
}))
vi.mock('../../electron/main/unattended/clock', () => ({ shellNow: () => Date.parse('2025-03-03T09:00:00+07:00') }))
vi.mock('../../electron/core/core', async (importActual) => {
  const actual = await importActual<CoreModule>()
  return {
    ...actual,
    createCore: (options: CoreOptionsOf<CoreModule>) => {
      opened.count++
      return actual.createCore(options)
    },
  }
})
type CoreOptionsOf<M extends CoreModule> = Parameters<M['createCore']>[0]

beforeEach(() => {
  opened.count = 0
  updates.autoUpdater = { on: vi.fn(), setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn() }
  quietShellProcess(tempDir())
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

/** index.ts started in a fresh user data dir whose network.json holds `network` (raw text when a string). */
async function boot(network: unknown, options: { packaged?: boolean; userData?: string } = {}) {
  const userData = options.userData ?? tempDir()
  const text = typeof network === 'string' ? network : JSON.stringify(network)
  fs.writeFileSync(path.join(userData, 'network.json'), text)
  const fake = await bootIndex(electron, userData, options.packaged ?? false)
  onCleanup(() => void fake.app.emit('will-quit', fakeEvent()))
  return { fake, userData }
}

/** The renderer of the shell's main window calling `channel` through the IPC contract. */
function ipc(fake: FakeElectron, channel: string, input: unknown = {}): Promise<unknown> {
  const contents = must(fake.windows[0], 'main window').webContents
  const event = { sender: contents, senderFrame: contents.mainFrame } as unknown as IpcMainInvokeEvent
  return Promise.resolve(must(fake.ipcMain.handlers.get(channel), channel)(event, input))
}

async function linkState(fake: FakeElectron): Promise<unknown> {
  const status = (await ipc(fake, 'link:status')) as { ok: boolean; value?: { state?: string } }
  return status.value?.state
}

describe('the installed app as a client of the centre network', () => {
  it('pairs through IPC with a code from the hub, is answered by the hub, is cut off when revoked, keeps no database', async () => {
    const { core: hubCore } = await startHub()
    opened.count = 0 // the hub's own core (a real one, in its own folder); from here on only the client's shell
    const { fake, userData } = await boot({ role: 'client', discover: false })
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), STARTUP_WAIT)
    expect(await ipc(fake, 'link:status')).toEqual({ ok: true, value: { mode: 'unpaired' } })
    // Until paired, a call has no hub to go to: a clear envelope, not a local answer.
    expect(await ipc(fake, 'queue:board')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })

    const ticket = hubCore.devices.startPairing({ id: null, name: 'IT' }, { role: 'board', counterId: null })
    expect(await ipc(fake, 'link:pair', { code: ticket.qrText })).toMatchObject({ ok: true, value: { role: 'board' } })
    await until(async () => (await linkState(fake)) === 'online', 'client online')
    const board = await ipc(fake, 'queue:board')
    expect(board).toMatchObject({ ok: true, value: { counters: expect.any(Array) } })
    // The hub's events reach the window the shell opened (the screen learns it is online).
    const sent = must(fake.windows[0]).webContents.send
    expect(sent).toHaveBeenCalledWith('link:status', expect.objectContaining({ mode: 'client', state: 'online' }))

    // Officer photos come from the hub, through the shell's app:// protocol like any other file of the app.
    const photo = await must(fake.protocol.handlers.get('app'))(new Request('app://kiosk/media/seed/officer-1.svg'))
    expect(photo.status).toBe(200)
    expect(photo.headers.get('content-type')).toBe('image/svg+xml')
    const seedPhoto = fs.readFileSync(path.resolve(__dirname, '../../resources/seed/officer-1.svg'), 'utf8')
    expect(await photo.text()).toBe(seedPhoto)

    // The device credential stays in the shell: nothing the renderer received or could ask for carries it.
    // It is sealed by the shell's chosen store (here the OS keychain), like the PIN pepper.
    const link = must(readLink(userData), 'link.json')
    const sealed = fs.readFileSync(path.join(userData, 'secrets', `${link.credentialName}.bin`))
    const secret = keychainSealer(fake.safeStorage).open(link.credentialName, sealed).toString('base64url')
    expect(secret).toHaveLength(43)
    expect(sealed.toString()).not.toContain(secret)
    const seen = JSON.stringify([sent.mock.calls, board, await ipc(fake, 'link:status')])
    expect(seen).toContain(link.deviceId)
    expect(seen).not.toContain(secret)

    await loginAdmin(hubCore)
    await call(hubCore, 'devices:revoke', { id: link.deviceId })
    await until(async () => (await linkState(fake)) === 'revoked', 'client revoked')
    expect(await ipc(fake, 'queue:board')).toMatchObject({ ok: false })
    expect((await must(fake.protocol.handlers.get('app'))(new Request('app://kiosk/media/seed/officer-1.svg'))).status).toBe(404)

    expect(opened.count).toBe(0)
    expect(fs.existsSync(path.join(userData, DB_FILE_NAME))).toBe(false)
  })

  it("saves IT's diagnostics package on this PC, with its own part (version, link, log, OS) next to the hub's", async () => {
    const { core: hubCore } = await startHub()
    await loginAdmin(hubCore) // IT's account exists (made on the hub's screen)
    const { fake, userData } = await boot({ role: 'client', discover: false, name: 'Máy CNTT' })
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), STARTUP_WAIT)
    const target = path.join(tempDir(), 'usb', 'goi-chan-doan.zip')
    fs.mkdirSync(path.dirname(target))
    const showSaveDialog = vi.fn(() => Promise.resolve({ canceled: false, filePath: target }))
    Object.assign(fake.dialog, { showSaveDialog })
    const ticket = hubCore.devices.startPairing({ id: null, name: 'IT' }, { role: 'admin-client', counterId: null })
    expect(await ipc(fake, 'link:pair', { code: ticket.qrText })).toMatchObject({ ok: true })
    await until(async () => (await linkState(fake)) === 'online', 'client online')
    const directory = (await ipc(fake, 'auth:accounts')) as { value: { accounts: { id: number; role: string }[] } }
    const admin = must(directory.value.accounts.find((a) => a.role === 'admin'), 'admin account')
    expect(await ipc(fake, 'auth:login', { accountId: admin.id, pin: ADMIN_PIN })).toMatchObject({ ok: true, value: { status: 'ok' } })

    const result = await ipc(fake, 'diagnostics:package')
    expect(result).toMatchObject({ ok: true, value: { saved: true, file: target } })
    // The dialog opened on this PC (the hub's screen shows none), suggesting this PC's documents folder.
    expect(showSaveDialog).toHaveBeenCalledOnce()
    const names = execFileSync('unzip', ['-Z1', target]).toString().split('\n')
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'client/versions.json', 'client/link.json', 'client/logs/main.log']))
    expect(names.some((n) => /^hub\/chan-doan-.*\.zip$/.test(n))).toBe(true)
    const own = (name: string) => execFileSync('unzip', ['-p', target, name]).toString()
    // This PC's own shell log file, and its settings (network.json's client role) — not the hub's.
    expect(own('client/logs/main.log')).toContain('this PC is a client of the centre network')
    expect(JSON.parse(own('client/configuration.json'))).toMatchObject({ shell: { network: { role: 'client', name: 'Máy CNTT' } } })
    expect(JSON.parse(own('client/link.json'))).toMatchObject({ status: { state: 'online', role: 'admin-client' } })
    expect(fs.existsSync(path.join(userData, 'diagnostics'))).toBe(false)
  })

  it('a network.json naming a role it cannot read opens nothing and says so, rather than a local database', async () => {
    for (const network of ['{"role": "client",', { role: 'clent' }, { role: 'client', serveCentre: true }]) {
      opened.count = 0
      const { fake, userData } = await boot(network)
      await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), STARTUP_WAIT)
      expect(fake.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
        'Kiosk Một cửa không khởi động được',
        expect.stringContaining('network.json'),
      )
      expect(opened.count).toBe(0)
      expect(fake.windows).toHaveLength(0)
      expect(fake.ipcMain.handlers.size).toBe(0)
      expect(fs.existsSync(path.join(userData, DB_FILE_NAME))).toBe(false)
    }
  })
})

describe("an installed client's updates", () => {
  it("come from its hub's mirror on the channel IT set on the hub, through the updater's session that trusts the hub's key", async () => {
    const { core: hubCore, hub } = await startHub()
    await loginAdmin(hubCore)
    // IT put the whole centre on beta before this PC was paired.
    await call(hubCore, 'updates:configure', { feedUrl: 'https://updates.example.gov.vn/kiosk/', channel: 'beta' })
    // The updater's timers (2 min, then 4 h) are held and fired by hand; the link's short ones run for real.
    const held = new Map<number, () => void>()
    const realSetTimeout = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (ms !== 2 * 60_000 && ms !== 4 * 3600_000) return realSetTimeout(fn, ms)
      held.set(ms, fn)
      return { unref: () => {} }
    }) as typeof setTimeout)
    const fire = (ms: number) => {
      const fn = must(held.get(ms), `a timer of ${ms} ms`)
      held.delete(ms)
      fn()
    }
    const { fake, userData } = await boot({ role: 'client', discover: false }, { packaged: true })
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), STARTUP_WAIT)
    const trusted = must(fake.session.partitions.get('electron-updater'), 'updater session')
    expect(trusted.session.certificateVerifyProc).toBeTypeOf('function')
    expect(fake.session.defaultSession.certificateVerifyProc).toBeNull()
    const ticket = hubCore.devices.startPairing({ id: null, name: 'IT' }, { role: 'board', counterId: null })
    expect(await ipc(fake, 'link:pair', { code: ticket.qrText })).toMatchObject({ ok: true })
    const deviceId = must(readLink(userData), 'link.json').deviceId

    const updater = must(updates.autoUpdater)
    const setFeedURL = updater['setFeedURL'] as ReturnType<typeof vi.fn>
    fire(2 * 60_000) // the first check
    const mirror = { provider: 'generic', url: `https://127.0.0.1:${hub.port}/v1/updates/` }
    await vi.waitFor(() => expect(setFeedURL).toHaveBeenLastCalledWith({ ...mirror, channel: 'beta' }), STARTUP_WAIT)
    expect(updater['requestHeaders']).toEqual({ authorization: expect.stringMatching(new RegExp(`^Bearer ${deviceId}\\.[\\w-]{43}$`)) })
    expect(updater['checkForUpdates']).toHaveBeenCalledTimes(1)

    // Back to latest on the hub: the next check (4 h later) follows it, with the same pairing.
    await call(hubCore, 'updates:configure', { feedUrl: 'https://updates.example.gov.vn/kiosk/', channel: 'latest' })
    await vi.waitFor(() => expect(held.has(4 * 3600_000)).toBe(true), STARTUP_WAIT)
    fire(4 * 3600_000)
    await vi.waitFor(() => expect(setFeedURL).toHaveBeenLastCalledWith({ ...mirror, channel: 'latest' }), STARTUP_WAIT)
    expect(updater['checkForUpdates']).toHaveBeenCalledTimes(2)
  })
})

describe("the hub kiosk's window", () => {
  it('mirrors the channel IT switches to at once, so the clients that follow it find it within their next check', async () => {
    // The province's feed, answering 404 to everything: each round's error names the channel it tried.
    const feed = http.createServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve))
    onCleanup(() => new Promise<void>((resolve) => feed.close(() => resolve())))
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed/`
    // The one-minute timers (the mirror's first round among them) are held and fired by hand.
    const minute: (() => void)[] = []
    const realSetTimeout = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (ms !== 60_000) return realSetTimeout(fn, ms)
      minute.push(fn)
      return { unref: () => {} }
    }) as typeof setTimeout)
    const { fake, userData } = await boot({ serveCentre: true, port: await freePort(), host: '127.0.0.1', announce: false })
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), STARTUP_WAIT)
    const logged = () => fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8')
    expect(await ipc(fake, 'auth:setup', { displayName: 'Quản trị CNTT', pin: ADMIN_PIN })).toMatchObject({ ok: true })
    expect(await ipc(fake, 'updates:configure', { feedUrl, channel: 'latest' })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(minute.length).toBeGreaterThan(0), STARTUP_WAIT)
    for (const fn of minute.splice(0)) fn()
    await vi.waitFor(() => expect(logged()).toContain('no latest.yml nor latest-linux.yml'), STARTUP_WAIT)

    expect(await ipc(fake, 'updates:configure', { feedUrl, channel: 'beta' })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(logged()).toContain('no beta.yml nor beta-linux.yml'), STARTUP_WAIT)
  })
})

describe('loadNetworkRole', () => {
  const roleOf = (text: string | null) => {
    const dir = tempDir()
    const file = path.join(dir, 'network.json')
    if (text !== null) fs.writeFileSync(file, text)
    return loadNetworkRole(file, spyLogger())
  }

  it('reads the hub, the client and the stand-alone kiosk; a hub file’s mistakes stay harmless as before', () => {
    expect(roleOf(null)).toEqual({ kind: 'standalone' })
    expect(roleOf('{"role":"client"}')).toEqual({ kind: 'client', settings: { role: 'client', discover: true } })
    expect(roleOf('{"role":"client","name":"Quầy 3","discover":false}')).toEqual({
      kind: 'client',
      settings: { role: 'client', name: 'Quầy 3', discover: false },
    })
    expect(roleOf('{"serveCentre":true}')).toMatchObject({ kind: 'hub', settings: { serveCentre: true, port: 8443 } })
    expect(roleOf('{"serveCentre":false}')).toEqual({ kind: 'standalone' })
    expect(roleOf('{"serveCentre":true,"port":70000}')).toEqual({ kind: 'standalone' })
  })

  it('names what is wrong with a file that may be meant for a client', () => {
    expect(roleOf('{nope')).toEqual({ kind: 'broken', problem: expect.stringContaining('not JSON') })
    expect(roleOf('{"role":"hub"}')).toEqual({ kind: 'broken', problem: expect.stringContaining('role') })
    expect(roleOf('{"role":"client","port":8443}')).toEqual({ kind: 'broken', problem: expect.stringContaining('port') })
    expect(roleOf('{"role":"client","name":""}')).toEqual({ kind: 'broken', problem: expect.stringContaining('name') })
  })
})
