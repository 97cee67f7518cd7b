import { BrowserWindow } from 'electron'
import type { Core } from '../core/core'
import { recoverFromCrashes } from './crash-recovery'
import type { ShellLogger } from './log'
import type { ShellMode } from './mode'
import { guardShortcuts } from './security/shortcuts'
import { secureWebPreferences } from './security/web-preferences'

export interface MainWindowOptions {
  core: Pick<Core, 'kioskSettings'>
  mode: Pick<ShellMode, 'production' | 'devTools' | 'startUrl'>
  /** Absolute path of the bundled preload (`out/preload/index.js`). */
  preload: string
  log: ShellLogger
}

/** Painted before the renderer's first frame, so a reload never flashes another colour. */
export const BACKGROUND_COLOR = '#ffffff'

/**
 * The one kiosk window. It stays hidden until its first paint (`ready-to-show`) so citizens never see a blank
 * or half-drawn frame. Kiosk and full-screen come from the kiosk settings IT chose in the admin screens.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { display } = options.core.kioskSettings()
  const win = new BrowserWindow({
    title: 'Kiosk Một cửa',
    width: 1280,
    height: 800,
    show: false,
    kiosk: display.kiosk,
    fullscreen: display.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: secureWebPreferences({ preload: options.preload, devTools: options.mode.devTools }),
  })
  const { log } = options
  const load = (): void => {
    win.loadURL(options.mode.startUrl).catch((error: unknown) => log.error('loading the renderer failed', error))
  }

  win.once('ready-to-show', () => win.show())
  guardShortcuts(win.webContents, { production: options.mode.production, log })
  recoverFromCrashes(win.webContents, { reload: load, log })
  win.webContents.on('did-fail-load', (_event, code, description, url) =>
    log.error(`did-fail-load ${code} ${description}: ${url}`),
  )
  load()
  return win
}
