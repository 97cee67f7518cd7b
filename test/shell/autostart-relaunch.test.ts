import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyAutostart, AUTOSTART_FILE } from '../../electron/main/unattended/autostart'
import { createRelauncher } from '../../electron/main/unattended/relaunch'
import { tempDir } from '../helpers/temp-dir'
import { createFakeElectron, spyLogger } from './fake-electron'

describe('start at login', () => {
  it('registers a Windows login item for the installed executable', () => {
    const { app } = createFakeElectron()
    const exe = 'C:\\Program Files\\Kiosk Một cửa\\kiosk-mot-cua.exe'
    applyAutostart({ platform: 'win32', app, enabled: true, executable: exe, configHome: '', log: spyLogger() })
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: exe, args: [] })
  })

  it('writes an XDG autostart entry on Linux with the quoted path, and removes it when turned off', () => {
    const home = tempDir()
    const { app } = createFakeElectron()
    const exe = '/opt/Kiosk Một cửa/kiosk "$1".AppImage'
    applyAutostart({ platform: 'linux', app, enabled: true, executable: exe, configHome: home, log: spyLogger() })
    const file = path.join(home, 'autostart', AUTOSTART_FILE)
    const entry = fs.readFileSync(file, 'utf8')
    expect(entry).toContain('[Desktop Entry]')
    expect(entry).toContain('Exec="/opt/Kiosk Một cửa/kiosk \\"\\$1\\".AppImage"')
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    applyAutostart({ platform: 'linux', app, enabled: false, executable: exe, configHome: home, log: spyLogger() })
    expect(fs.existsSync(file)).toBe(false)
  })
})

describe('relaunch after a main-process crash', () => {
  function setup(file: string, now: () => number) {
    const { app } = createFakeElectron()
    const delays: number[] = []
    const relauncher = createRelauncher({
      app,
      file,
      now,
      log: spyLogger(),
      setTimeout: (fn, ms) => {
        delays.push(ms)
        fn()
      },
    })
    return { app, delays, relauncher }
  }

  it('relaunches with a growing delay across process lifetimes, counted in a file', () => {
    const file = path.join(tempDir(), 'crashes.json')
    let now = Date.parse('2025-03-03T02:00:00Z')
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      // Each crash is a new process: a fresh relauncher reading the same file.
      const run = setup(file, () => now)
      run.relauncher.onFatal(new Error('boom'))
      run.relauncher.onFatal(new Error('second error while exiting'))
      expect(run.app.relaunch).toHaveBeenCalledTimes(1)
      expect(run.app.exit).toHaveBeenCalledWith(1)
      delays.push(...run.delays)
      now += 30_000
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000])
  })

  it('caps the delay, forgets crashes older than an hour, and starts over once healthy', () => {
    const file = path.join(tempDir(), 'crashes.json')
    let now = Date.parse('2025-03-03T02:00:00Z')
    const first = setup(file, () => now)
    expect(first.relauncher.delayFor(30)).toBe(5 * 60_000)
    first.relauncher.onFatal(new Error('boom'))
    now += 61 * 60_000
    const later = setup(file, () => now)
    later.relauncher.onFatal(new Error('boom'))
    expect(later.delays).toEqual([2_000])
    const healthy = setup(file, () => now)
    healthy.relauncher.markHealthy()
    expect(fs.existsSync(file)).toBe(false)
  })

  it('treats a damaged crash file as no crashes, never as a reason not to relaunch', () => {
    const file = path.join(tempDir(), 'crashes.json')
    fs.writeFileSync(file, '{"crashes": "many"}')
    const run = setup(file, () => 1_000)
    run.relauncher.onFatal(new Error('boom'))
    expect(run.delays).toEqual([2_000])
    expect(run.app.relaunch).toHaveBeenCalled()
  })
})
