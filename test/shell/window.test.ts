import type { Input } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resolveShellMode } from '../../electron/main/mode'
import { secureWebPreferences } from '../../electron/main/security/web-preferences'
import { BACKGROUND_COLOR, createMainWindow } from '../../electron/main/window'
import { createFakeElectron, fakeEvent, spyLogger, must, type FakeElectron } from './fake-electron'
import { stubCore } from './stub-core'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

const production = resolveShellMode(true, {})
const dev = resolveShellMode(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })
const preload = '/opt/kiosk/out/preload/index.js'
const f5: Input = {
  type: 'keyDown',
  key: 'F5',
  code: 'F5',
  isAutoRepeat: false,
  isComposing: false,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  location: 0,
  modifiers: [],
}

function open(mode = production, display = { kiosk: true, fullscreen: true, boardOnSecondDisplay: false }) {
  createMainWindow({ core: stubCore(display), mode, preload, log: spyLogger() })
  const fake = must(electron.fake)
  expect(fake.windows).toHaveLength(1)
  return must(fake.windows[0])
}

describe('createMainWindow', () => {
  it('uses the secure webPreferences with the preload, without devtools in production', () => {
    const win = open()
    expect(win.options.webPreferences).toEqual(secureWebPreferences({ preload, devTools: false }))
  })

  it('gets devtools in dev', () => {
    expect(open(dev).options.webPreferences?.devTools).toBe(true)
  })

  it.each([
    { kiosk: true, fullscreen: true, boardOnSecondDisplay: false },
    { kiosk: false, fullscreen: true, boardOnSecondDisplay: false },
    { kiosk: false, fullscreen: false, boardOnSecondDisplay: false },
  ])('takes kiosk and fullscreen from the kiosk settings: %o', (display) => {
    const win = open(production, display)
    expect(win.options.kiosk).toBe(display.kiosk)
    expect(win.options.fullscreen).toBe(display.fullscreen)
  })

  it('hides the menu bar, paints the background, and stays hidden until ready-to-show', () => {
    const win = open()
    expect(win.options.autoHideMenuBar).toBe(true)
    expect(win.options.backgroundColor).toBe(BACKGROUND_COLOR)
    expect(win.options.show).toBe(false)
    expect(win.show).not.toHaveBeenCalled()
    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalledOnce()
  })

  it('loads app://kiosk/index.html in production and the dev server in dev', () => {
    expect(open().loadURL).toHaveBeenCalledExactlyOnceWith('app://kiosk/index.html')
    electron.fake = createFakeElectron()
    expect(open(dev).loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173')
  })

  it('reloads the app when the renderer crashes', () => {
    const win = open()
    win.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 })
    expect(win.loadURL).toHaveBeenCalledTimes(2)
    expect(win.loadURL).toHaveBeenLastCalledWith('app://kiosk/index.html')
  })

  it('swallows reload/devtools keys in production only', () => {
    const prodEvent = fakeEvent()
    open().webContents.emit('before-input-event', prodEvent, f5)
    expect(prodEvent.defaultPrevented).toBe(true)

    electron.fake = createFakeElectron()
    const devEvent = fakeEvent()
    open(dev).webContents.emit('before-input-event', devEvent, f5)
    expect(devEvent.defaultPrevented).toBe(false)
  })

  it('logs a failed load instead of throwing', async () => {
    const log = spyLogger()
    const fake = must(electron.fake)
    const BrowserWindow = fake.BrowserWindow
    fake.BrowserWindow = class extends BrowserWindow {
      override readonly loadURL = vi.fn(() => Promise.reject(new Error('ERR_FILE_NOT_FOUND')))
    }
    createMainWindow({ core: stubCore(), mode: production, preload, log })
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith('loading the renderer failed', expect.any(Error)))
  })
})
