import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CALLS } from '../../shared/channels'
import type { CoreOptions } from '../../electron/core/core'
import { createFakeElectron, fakeEvent, fakeKeychain, must, type FakeElectron } from './fake-electron'
import { stubCore } from './stub-core'
import { tempDir } from '../helpers/temp-dir'

/**
 * index.ts is wiring with side effects at import time, so each test loads it afresh against a fresh fake
 * Electron and a stub core (createCore is replaced: these tests are about the order and the choices of the
 * wiring; core opening a real database is tested in test/core).
 */
const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
const core = vi.hoisted(() => ({ create: null as ((options: CoreOptions) => unknown) | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
/** electron-updater's autoUpdater needs a real Electron: a recording stand-in (updater.test.ts drives the logic). */
const updates = vi.hoisted(() => ({ autoUpdater: null as null | Record<string, unknown> }))
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return updates.autoUpdater
  },
}))
/** The shell's clock: a Monday 09:00 at the centre (UTC+7), inside the default opening hours, unless a test moves it. */
const clock = vi.hoisted(() => ({ now: Date.parse('2025-03-03T09:00:00+07:00') }))
vi.mock('../../electron/main/unattended/clock', () => ({ shellNow: () => clock.now }))
vi.mock('../../electron/core/core', () => ({
  createCore: (options: CoreOptions) => {
    if (core.create === null) throw new Error('createCore stub not set')
    return core.create(options)
  },
}))

const resourcesPath = '/opt/kiosk/resources-root'

/** Fatal-error handlers index.ts installs, kept off the test runner's own process. */
let fatalHandlers: ((error: unknown) => void)[] = []

beforeEach(() => {
  updates.autoUpdater = { on: vi.fn(), setFeedURL: vi.fn(), checkForUpdates: vi.fn(), quitAndInstall: vi.fn() }
  Object.defineProperty(process, 'resourcesPath', { value: resourcesPath, configurable: true })
  clock.now = Date.parse('2025-03-03T09:00:00+07:00')
  fatalHandlers = []
  const on = process.on.bind(process)
  const fakeOn = (event: string | symbol, listener: (...args: unknown[]) => void) => {
    if (event === 'uncaughtException') fatalHandlers.push(listener)
    else on(event, listener)
    return process
  }
  vi.spyOn(process, 'on').mockImplementation(fakeOn as typeof process.on)
  // Start-at-login writes its Linux autostart entry under XDG_CONFIG_HOME: a temporary folder here.
  vi.stubEnv('XDG_CONFIG_HOME', tempDir())
  vi.stubEnv('APPIMAGE', '/opt/kiosk/Kiosk.AppImage')
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

interface BootOptions {
  packaged?: boolean
  lock?: boolean
  createCore?: (o: CoreOptions) => unknown
  display?: Parameters<typeof stubCore>[0]
  tv?: { id: number; bounds: { x: number; y: number; width: number; height: number } }
  /** A real folder for tests whose start writes there (key files, unattended.json). */
  userData?: string
  keychain?: boolean
}

async function boot(options: BootOptions = {}) {
  const fake = createFakeElectron()
  fake.app.isPackaged = options.packaged ?? true
  fake.app.requestSingleInstanceLock.mockReturnValue(options.lock ?? true)
  if (options.tv) fake.screen.displays.push(options.tv)
  // A real folder each time: the shell writes its log files (and key files) there.
  const userData = options.userData ?? tempDir()
  fake.app.getPath.mockReturnValue(userData)
  if (options.keychain === false) fake.safeStorage = fakeKeychain(false)
  const theCore = stubCore(options.display)
  const createCore = vi.fn(options.createCore ?? (() => theCore))
  core.create = createCore
  electron.fake = fake
  vi.resetModules()
  await import('../../electron/main/index')
  const ready = async () => {
    fake.app.fireReady()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { fake, core: theCore, createCore, ready, userData }
}

describe('main process start-up', () => {
  it('enables the sandbox and registers the app scheme before ready', async () => {
    const { fake, createCore } = await boot()
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce()
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app'])
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce()
    expect(createCore).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('quits at once when another instance holds the lock', async () => {
    const { fake, createCore, ready } = await boot({ lock: false })
    expect(fake.app.quit).toHaveBeenCalledOnce()
    await ready()
    expect(createCore).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('opens core in the user data dir with the packaged resources', async () => {
    const { createCore, ready, userData } = await boot()
    await ready()
    expect(createCore).toHaveBeenCalledExactlyOnceWith({
      dataDir: userData,
      resourcesDir: path.join(resourcesPath, 'resources'),
      shell: 'electron',
      appVersion: '1.2.3',
      secrets: expect.objectContaining({ getOrCreate: expect.any(Function) }), // safeStorage (secrets.test.ts)
      pdf: expect.any(Function), // reports as PDF (print-pdf.test.ts)
      printer: expect.any(Function), // queue tickets print silently (print.ts, tested in print.test.ts)
      log: expect.objectContaining({ info: expect.any(Function), error: expect.any(Function) }), // file-log.test.ts
      diagnostics: {
        logDir: path.join(userData, 'logs'),
        shellConfig: expect.objectContaining({ secretStore: 'keychain', nightlyRestart: '03:00' }),
        save: expect.any(Function), // diagnostics-save.test.ts
      },
      updates: { state: expect.any(Function), configured: expect.any(Function) }, // updater.test.ts
    })
  })

  it('writes the shell’s and core’s log lines to the rotating files under <userData>/logs', async () => {
    const { createCore, ready, userData } = await boot()
    await ready()
    must(createCore.mock.calls[0]?.[0].log, 'core logger').info('core says hello')
    const text = fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8')
    expect(text).toMatch(/\(shell\)\s+secrets are kept in the OS keychain/)
    expect(text).toMatch(/\(core\)\s+core says hello/)
  })

  it('uses the checkout resources when not packaged', async () => {
    const { createCore, ready } = await boot({ packaged: false })
    await ready()
    expect(createCore.mock.calls[0]?.[0].resourcesDir).toBe(path.join('/opt/kiosk/app', 'resources'))
  })

  it('installs permissions, protocol and IPC, then opens the window and keeps the display awake', async () => {
    const { fake, ready } = await boot()
    await ready()
    const ses = fake.session.defaultSession
    expect(ses.permissionRequestHandler).toBeTypeOf('function')
    expect(ses.permissionCheckHandler).toBeTypeOf('function')
    expect(ses.devicePermissionHandler).toBeTypeOf('function')
    expect([...fake.protocol.handlers.keys()]).toEqual(['app'])
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CALLS].sort())
    expect(fake.windows).toHaveLength(1)
    const win = must(fake.windows[0])
    expect(win.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.js$/)
    expect(win.options.webPreferences?.sandbox).toBe(true)
    expect(win.loadURL).toHaveBeenCalledWith('app://kiosk/index.html')
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep')
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null)
    expect(ses.headersReceived).toHaveLength(0)
  })

  it('opens the queue board full screen on a second display when IT asked for it and a TV is connected', async () => {
    const { fake, core, ready } = await boot({
      display: { kiosk: true, fullscreen: true, boardOnSecondDisplay: true },
      tv: { id: 2, bounds: { x: 1280, y: 0, width: 1920, height: 1080 } },
    })
    await ready()
    expect(fake.windows).toHaveLength(2)
    const board = must(fake.windows[1])
    expect(board.options).toMatchObject({ x: 1280, y: 0, width: 1920, height: 1080, fullscreen: true })
    expect(board.options.webPreferences?.sandbox).toBe(true)
    expect(board.loadURL).toHaveBeenCalledWith('app://kiosk/index.html#/board')
    core.emit('queue:changed', { id: 1 })
    expect(board.webContents.send).toHaveBeenCalledWith('queue:changed', { id: 1 })
  })

  it('opens no board without a second display, or when IT did not ask for one', async () => {
    const asked = await boot({ display: { kiosk: true, fullscreen: true, boardOnSecondDisplay: true } })
    await asked.ready()
    expect(asked.fake.windows).toHaveLength(1)
    const notAsked = await boot({ tv: { id: 2, bounds: { x: 1280, y: 0, width: 1920, height: 1080 } } })
    await notAsked.ready()
    expect(notAsked.fake.windows).toHaveLength(1)
  })

  it('serves the app protocol with the CSP header', async () => {
    const { fake, ready } = await boot()
    await ready()
    const response = await must(fake.protocol.handlers.get('app'))(new Request('app://kiosk/nothing-here'))
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('guards the navigation of every web-contents', async () => {
    const { fake, ready } = await boot()
    await ready()
    const contents = must(fake.windows[0]).webContents
    fake.app.emit('web-contents-created', fakeEvent(), contents)
    const event = fakeEvent({ url: 'https://example.com/' })
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
  })

  it('forwards core events to the window', async () => {
    const { fake, core, ready } = await boot()
    await ready()
    core.emit('queue:changed', { id: 1 })
    expect(must(fake.windows[0]).webContents.send).toHaveBeenCalledWith('queue:changed', { id: 1 })
  })

  it('in dev: loads the dev server, adds its CSP, keeps the menu', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    const { fake, ready } = await boot({ packaged: false })
    await ready()
    expect(must(fake.windows[0]).loadURL).toHaveBeenCalledWith('http://localhost:5173')
    expect(fake.session.defaultSession.headersReceived).toHaveLength(1)
    expect(fake.Menu.setApplicationMenu).not.toHaveBeenCalled()
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://evil.example')
    const { fake, ready } = await boot()
    await ready()
    expect(must(fake.windows[0]).loadURL).toHaveBeenCalledWith('app://kiosk/index.html')
  })

  it('focuses the existing window when a second instance starts', async () => {
    const { fake, ready } = await boot()
    await ready()
    const win = must(fake.windows[0])
    win.minimized = true
    fake.app.emit('second-instance', fakeEvent(), [], '/')
    expect(win.restore).toHaveBeenCalledOnce()
    expect(win.focus).toHaveBeenCalledOnce()
  })

  it('quits when all windows are closed and closes core on will-quit', async () => {
    const { fake, core, ready } = await boot()
    await ready()
    fake.app.emit('window-all-closed')
    expect(fake.app.quit).toHaveBeenCalledOnce()
    fake.app.emit('will-quit', fakeEvent())
    expect(core.close).toHaveBeenCalledOnce()
  })
})

describe('a database from a newer app version', () => {
  it('shows the error, quits, and opens no window', async () => {
    // Loaded after boot's resetModules would be too late: the class must be the one index.ts will import.
    vi.resetModules()
    const { DatabaseTooNewError } = await import('../../electron/core/errors')
    const error = new DatabaseTooNewError('/var/kiosk/user-data/kiosk.db', 9, 3)
    const fake = createFakeElectron()
    fake.app.getPath.mockReturnValue(tempDir())
    electron.fake = fake
    core.create = () => {
      throw error
    }
    await import('../../electron/main/index')
    fake.app.fireReady()
    await new Promise((resolve) => setImmediate(resolve))

    expect(fake.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(expect.any(String), error.message)
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)
    expect(fake.powerSaveBlocker.start).not.toHaveBeenCalled()
  })

  it('also shows and quits on any other start-up error, rather than hanging without a window', async () => {
    const { fake, ready } = await boot({
      createCore: () => {
        throw new Error('disk full')
      },
    })
    await ready()
    expect(fake.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(expect.any(String), 'Error: disk full')
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows).toHaveLength(0)
  })
})

describe('unattended operation (wiring)', () => {
  it('keeps the display awake only inside opening hours', async () => {
    clock.now = Date.parse('2025-03-03T22:00:00+07:00')
    const { fake, ready } = await boot()
    await ready()
    expect(fake.windows).toHaveLength(1)
    expect(fake.powerSaveBlocker.start).not.toHaveBeenCalled()
  })

  it('a packaged kiosk starts at login and relaunches itself after a fatal error', async () => {
    const { fake, ready } = await boot()
    await ready()
    if (process.platform === 'win32') expect(fake.app.setLoginItemSettings).toHaveBeenCalled()
    if (process.platform === 'linux') {
      const entry = fs.readFileSync(path.join(must(process.env['XDG_CONFIG_HOME']), 'autostart/kiosk-mot-cua.desktop'), 'utf8')
      expect(entry).toContain('Exec="/opt/kiosk/Kiosk.AppImage"')
    }
    expect(fatalHandlers).toHaveLength(1)
  })

  it('an installed kiosk checks for updates and downloads them in the background', async () => {
    const { createCore, ready } = await boot()
    await ready()
    expect(updates.autoUpdater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true })
    const options = must(createCore.mock.calls[0]?.[0])
    // No feed set yet: the health page says so rather than "never checked".
    expect(must(options.updates).state()).toMatchObject({ result: 'never', feedUrl: null })
  })

  it('a developer checkout neither starts at login nor relaunches itself', async () => {
    const { fake, ready } = await boot({ packaged: false })
    await ready()
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(fs.existsSync(path.join(must(process.env['XDG_CONFIG_HOME']), 'autostart'))).toBe(false)
    expect(fatalHandlers).toHaveLength(0)
    expect(updates.autoUpdater).not.toHaveProperty('autoDownload')
  })
})

describe('no OS keychain (a Linux kiosk without a secret service)', () => {
  it('shows the set-up notice instead of starting core, and neither crashes nor quits', async () => {
    const userData = tempDir()
    const { fake, createCore, ready } = await boot({ userData, keychain: false })
    await ready()
    expect(createCore).not.toHaveBeenCalled()
    expect(fake.app.quit).not.toHaveBeenCalled()
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(1)
    const notice = must(fake.windows[0])
    expect(notice.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true })
    expect(notice.options.webPreferences?.preload).toBeUndefined()
    const page = decodeURIComponent(String(notice.loadURL.mock.calls[0]?.[0]).replace(/^data:text\/html;charset=utf-8,/, ''))
    expect(page).toContain('Máy này không có kho khóa của hệ điều hành')
    expect(page).toContain(path.join(userData, 'unattended.json'))
    expect(fs.existsSync(path.join(userData, 'secrets'))).toBe(false)
    expect(fake.ipcMain.handlers.size).toBe(0)
  })

  it('starts by itself once IT chose the key file in unattended.json, and closes the notice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const userData = tempDir()
      const { fake, createCore, ready } = await boot({ userData, keychain: false })
      await ready()
      expect(createCore).not.toHaveBeenCalled()
      fs.writeFileSync(path.join(userData, 'unattended.json'), JSON.stringify({ secretStore: 'keyfile' }))
      vi.advanceTimersByTime(30_000)
      expect(createCore).toHaveBeenCalledOnce()
      expect(fs.existsSync(path.join(userData, 'secret-store.key'))).toBe(true)
      expect(fake.windows).toHaveLength(2)
      expect(must(fake.windows[0]).close).toHaveBeenCalledOnce()
      expect(must(fake.windows[1]).loadURL).toHaveBeenCalledWith('app://kiosk/index.html')
    } finally {
      vi.useRealTimers()
    }
  })
})
