import fs from 'node:fs'
import path from 'node:path'
import type { ShellLogger } from '../log'

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void
}

export interface AutostartOptions {
  platform: NodeJS.Platform
  app: LoginItemApp
  enabled: boolean
  /** The program to start: the AppImage itself when run from one ($APPIMAGE), else the executable. */
  executable: string
  /** XDG config home (~/.config) on Linux. */
  configHome: string
  log: ShellLogger
}

export const AUTOSTART_FILE = 'kiosk-mot-cua.desktop'

/** A desktop entry quotes its Exec path; backslash, quote, backtick and dollar must be escaped (XDG spec). */
const quoteExec = (file: string) => `"${file.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`

/**
 * Start at login, so a kiosk that lost power comes back with the PC (BIOS "power on after power loss" + OS
 * autologin do the rest; README). Windows: a login item of the current user. Linux: an XDG autostart entry, which
 * every desktop session honours; the systemd user unit in the README is the alternative for restart-on-exit.
 * Only the packaged app calls this: a developer's checkout must not start itself.
 */
export function applyAutostart(options: AutostartOptions): void {
  if (options.platform === 'win32') {
    options.app.setLoginItemSettings({ openAtLogin: options.enabled, path: options.executable, args: [] })
    return
  }
  if (options.platform !== 'linux') return
  const dir = path.join(options.configHome, 'autostart')
  const file = path.join(dir, AUTOSTART_FILE)
  if (!options.enabled) {
    fs.rmSync(file, { force: true })
    return
  }
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Kiosk Một cửa',
    `Exec=${quoteExec(options.executable)}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n')
  try {
    fs.mkdirSync(dir, { recursive: true })
    // Rewritten each start: after an update the AppImage may have a new path.
    fs.writeFileSync(file, entry, { mode: 0o644 })
  } catch (error) {
    options.log.warn(`cannot write ${file}: ${String(error)}`)
  }
}
