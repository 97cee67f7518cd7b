import { BrowserWindow, type BrowserWindowConstructorOptions, type Display, type Rectangle } from 'electron'
import type { KioskDisplay } from '../../shared/schemas/centre'
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

/** Options shared by every window of the app: secure preferences, hidden until painted, guarded, self-healing. */
function openWindow(
  options: MainWindowOptions,
  url: string,
  extra: Pick<BrowserWindowConstructorOptions, 'kiosk' | 'fullscreen' | 'x' | 'y' | 'width' | 'height' | 'title'>,
): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Kiosk Một cửa',
    width: 1280,
    height: 800,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND_COLOR,
    ...extra,
    webPreferences: secureWebPreferences({ preload: options.preload, devTools: options.mode.devTools }),
  })
  const { log } = options
  const load = (): void => {
    win.loadURL(url).catch((error: unknown) => log.error('loading the renderer failed', error))
  }

  win.once('ready-to-show', () => win.show())
  guardShortcuts(win.webContents, { production: options.mode.production, log })
  recoverFromCrashes(win.webContents, { reload: load, log })
  win.webContents.on('did-fail-load', (_event, code, description, failedUrl) =>
    log.error(`did-fail-load ${code} ${description}: ${failedUrl}`),
  )
  load()
  return win
}

/**
 * The kiosk window. It stays hidden until its first paint (`ready-to-show`) so citizens never see a blank or
 * half-drawn frame. Kiosk and full-screen come from the kiosk settings IT chose in the admin screens.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { display } = options.core.kioskSettings()
  return openWindow(options, options.mode.startUrl, { kiosk: display.kiosk, fullscreen: display.fullscreen })
}

/**
 * The queue board on a TV plugged into the kiosk PC's second output: the same app at `#/board`, full screen on
 * that display. Nothing to touch there, so no kiosk lock is needed beyond having no menu and no shortcuts.
 */
export function createBoardWindow(options: MainWindowOptions, bounds: Rectangle): BrowserWindow {
  const url = `${options.mode.startUrl.replace(/#.*$/, '')}#/board`
  return openWindow(options, url, { title: 'Bảng hiển thị', ...bounds, fullscreen: true })
}

/** The display for the board: any display other than the primary one, if IT asked for a board and one exists. */
export function boardDisplay(settings: KioskDisplay, displays: readonly Display[], primary: Display): Display | null {
  if (!settings.boardOnSecondDisplay) return null
  return displays.find((d) => d.id !== primary.id) ?? null
}
