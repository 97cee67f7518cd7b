import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createActivityTracker } from '../../electron/main/unattended/activity'
import { keepDisplayAwakeDuringHours } from '../../electron/main/unattended/display-awake'
import { scheduleNightlyRestart } from '../../electron/main/unattended/nightly-restart'
import { isOpen, nextLocalTime } from '../../electron/main/unattended/schedule'
import { defaultUnattendedSettings, loadUnattendedSettings } from '../../electron/main/unattended/settings'
import { tempDir } from '../helpers/temp-dir'
import { spyLogger } from './fake-electron'
import { manualTimers } from './manual-timers'

/** Instants at the centre (UTC+7, as Vietnam all year), written with their zone: no test reads the machine's. */
const at = (local: string) => Date.parse(`${local}+07:00`)
const settings = defaultUnattendedSettings

describe('opening hours', () => {
  it('is open on a weekday from opening to closing time, in the centre’s zone', () => {
    expect(isOpen(settings, at('2025-03-03T06:59:00'))).toBe(false) // Monday
    expect(isOpen(settings, at('2025-03-03T07:00:00'))).toBe(true)
    expect(isOpen(settings, at('2025-03-03T16:59:59'))).toBe(true)
    expect(isOpen(settings, at('2025-03-03T17:00:00'))).toBe(false)
    // 01:30 UTC on Monday is 08:30 Monday at the centre; 23:30 UTC Sunday is 06:30 Monday.
    expect(isOpen(settings, Date.parse('2025-03-03T01:30:00Z'))).toBe(true)
    expect(isOpen(settings, Date.parse('2025-03-02T23:30:00Z'))).toBe(false)
  })

  it('is closed on Sunday and open only on Saturday morning', () => {
    expect(isOpen(settings, at('2025-03-09T10:00:00'))).toBe(false)
    expect(isOpen(settings, at('2025-03-08T10:00:00'))).toBe(true)
    expect(isOpen(settings, at('2025-03-08T12:00:00'))).toBe(false)
  })

  it('finds the next 03:00 at the centre, tomorrow once it has passed', () => {
    expect(nextLocalTime('03:00', 420, at('2025-03-03T02:10:30'))).toBe(at('2025-03-03T03:00:00'))
    expect(nextLocalTime('03:00', 420, at('2025-03-03T03:00:00'))).toBe(at('2025-03-04T03:00:00'))
    expect(nextLocalTime('03:00', 420, at('2025-03-03T22:00:00'))).toBe(at('2025-03-04T03:00:00'))
  })
})

describe('unattended settings file', () => {
  it('uses the defaults without a file, and keeps defaults for fields IT left out', () => {
    const dir = tempDir()
    expect(loadUnattendedSettings(path.join(dir, 'unattended.json'), spyLogger())).toEqual(defaultUnattendedSettings)
    const file = path.join(dir, 'unattended.json')
    fs.writeFileSync(file, JSON.stringify({ nightlyRestart: null, secretStore: 'keyfile' }))
    expect(loadUnattendedSettings(file, spyLogger())).toEqual({
      ...defaultUnattendedSettings,
      nightlyRestart: null,
      secretStore: 'keyfile',
    })
  })

  it('runs on the defaults and tells IT why when the file is broken, never stopping the kiosk', () => {
    const file = path.join(tempDir(), 'unattended.json')
    const log = spyLogger()
    fs.writeFileSync(file, '{ not json')
    expect(loadUnattendedSettings(file, log)).toEqual(defaultUnattendedSettings)
    fs.writeFileSync(file, JSON.stringify({ nightlyRestart: '25:00', extra: 1 }))
    expect(loadUnattendedSettings(file, log)).toEqual(defaultUnattendedSettings)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('nightlyRestart'))
    // A key file named by a relative path would depend on the folder the kiosk happened to start in.
    fs.writeFileSync(file, JSON.stringify({ secretStore: 'keyfile', keyFile: 'kiosk.key' }))
    expect(loadUnattendedSettings(file, log)).toEqual(defaultUnattendedSettings)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('keyFile: an absolute path'))
    expect(log.warn).toHaveBeenCalledTimes(3)
  })
})

describe('display awake only during opening hours', () => {
  it('holds a power-save blocker while open and releases it at closing time', () => {
    let now = at('2025-03-03T06:59:00')
    const blocker = { start: vi.fn(() => 7), stop: vi.fn() }
    const check = keepDisplayAwakeDuringHours({
      blocker,
      settings,
      now: () => now,
      log: spyLogger(),
      setInterval: () => ({}),
    })
    expect(blocker.start).not.toHaveBeenCalled()
    now = at('2025-03-03T07:00:00')
    check()
    check()
    expect(blocker.start).toHaveBeenCalledTimes(1)
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    now = at('2025-03-03T17:00:00')
    check()
    expect(blocker.stop).toHaveBeenCalledWith(7)
  })
})

describe('nightly restart', () => {
  it('restarts at 03:00 at the centre when nobody is using the kiosk', () => {
    const now = at('2025-03-03T18:00:00')
    const timers = manualTimers()
    const restart = vi.fn()
    scheduleNightlyRestart({ settings, now: () => now, isBusy: () => false, restart, log: spyLogger(), ...timers })
    expect(timers.pending[0]?.ms).toBe(9 * 60 * 60_000)
    timers.fireNext()
    expect(restart).toHaveBeenCalledTimes(1)
  })

  it('never interrupts a rating: waits a minute while a screen was touched recently', () => {
    let now = at('2025-03-04T02:59:00')
    const timers = manualTimers()
    const activity = createActivityTracker(() => now, 3 * 60_000)
    const restart = vi.fn()
    scheduleNightlyRestart({
      settings,
      now: () => now,
      isBusy: activity.isBusy,
      restart,
      log: spyLogger(),
      ...timers,
    })
    now = at('2025-03-04T03:00:00')
    activity.touch() // a late citizen rating at 03:00
    timers.fireNext()
    expect(restart).not.toHaveBeenCalled()
    expect(timers.pending[0]?.ms).toBe(60_000)
    now = at('2025-03-04T03:01:00')
    timers.fireNext()
    expect(restart).not.toHaveBeenCalled()
    now = at('2025-03-04T03:03:00')
    timers.fireNext()
    expect(restart).toHaveBeenCalledTimes(1)
  })

  it('is off when IT set no restart time', () => {
    const timers = manualTimers()
    scheduleNightlyRestart({
      settings: { ...settings, nightlyRestart: null },
      now: () => 0,
      isBusy: () => false,
      restart: vi.fn(),
      log: spyLogger(),
      ...timers,
    })
    expect(timers.pending).toEqual([])
  })
})

describe('activity', () => {
  it('counts any input event of a watched screen', () => {
    let now = 1_000_000
    const activity = createActivityTracker(() => now, 60_000)
    const listeners: (() => void)[] = []
    activity.watch({ on: (_event, listener) => listeners.push(() => listener()) })
    expect(activity.isBusy()).toBe(false)
    listeners.forEach((l) => l())
    expect(activity.isBusy()).toBe(true)
    now += 60_000
    expect(activity.isBusy()).toBe(false)
  })
})
