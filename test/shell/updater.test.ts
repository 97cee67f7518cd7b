import { EventEmitter } from 'node:events'
import type { OutgoingHttpHeaders } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import type { UpdateConfig } from '../../shared/schemas/updates'
import { defaultUnattendedSettings } from '../../electron/main/unattended/settings'
import { startUnattended } from '../../electron/main/unattended/wire'
import { hubMirrorFeed, provinceFeed, startUpdater, type AutoUpdaterLike, type UpdateFeed } from '../../electron/main/updater'
import { spyLogger } from './fake-electron'
import { manualTimers } from './manual-timers'

/** electron-updater's autoUpdater, played by hand: each check answers what the test says the feed holds. */
class FakeUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false
  autoInstallOnAppQuit = false
  allowDowngrade = true
  disableDifferentialDownload = false
  requestHeaders: OutgoingHttpHeaders | null = null
  readonly setFeedURL = vi.fn((_options: { provider: 'generic'; url: string; channel: string }) => {})
  readonly quitAndInstall = vi.fn((_silent?: boolean, _runAfter?: boolean) => {})
  /** What the next check finds: a newer version (then downloaded), nothing, or an error. */
  next: { version: string } | 'none' | Error = 'none'
  readonly checkForUpdates = vi.fn(() => {
    const found = this.next
    if (found instanceof Error) {
      this.emit('error', found)
      return Promise.reject(found)
    }
    if (found === 'none') this.emit('update-not-available', { version: '1.0.0' })
    else {
      this.emit('update-available', found)
      this.emit('update-downloaded', found)
    }
    return Promise.resolve(null)
  })
}

const at = (local: string) => Date.parse(`${local}+07:00`)
const config: UpdateConfig = { feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/', channel: 'latest' }
const flush = () => new Promise((resolve) => setImmediate(resolve))

function setup(feed: UpdateFeed | null = provinceFeed(config)) {
  const updater = new FakeUpdater()
  const timers = manualTimers()
  const clock = { now: at('2025-03-03T09:00:00') }
  const onDownloaded = vi.fn((_install: () => void) => {})
  const running = startUpdater({
    updater,
    feed: () => feed,
    now: () => clock.now,
    log: spyLogger(),
    onDownloaded,
    firstCheckMs: 120_000,
    everyMs: 4 * 3600_000,
    setTimeout: timers.setTimeout,
  })
  return { updater, timers, clock, onDownloaded, running }
}

describe('updates (electron-updater, generic provider)', () => {
  it('downloads in the background, never installs on its own, and checks a little after start then every 4 h', async () => {
    const { updater, timers, running } = setup()
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, disableDifferentialDownload: true })
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
    expect(timers.fireNext()).toBe(120_000)
    await flush()
    expect(updater.setFeedURL).toHaveBeenCalledExactlyOnceWith({ provider: 'generic', url: config.feedUrl, channel: 'latest' })
    expect(updater.allowDowngrade).toBe(false)
    expect(running.state()).toMatchObject({ result: 'up-to-date', lastCheckAt: at('2025-03-03T09:00:00'), channel: 'latest' })
    expect(timers.pending.map((t) => t.ms)).toEqual([4 * 3600_000])
    timers.fireNext()
    await flush()
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2)
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
  })

  it('without a feed it does not check, and says so', async () => {
    const { updater, timers, running } = setup(null)
    timers.fireNext()
    await flush()
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
    expect(running.state().result).toBe('no-feed')
    expect(timers.pending).toHaveLength(1)
  })

  it('a failed check is shown on the health page and tried again at the next round', async () => {
    const { updater, timers, running } = setup()
    updater.next = new Error('getaddrinfo ENOTFOUND capnhat.tinh.gov.vn')
    timers.fireNext()
    await flush()
    expect(running.state()).toMatchObject({ result: 'error', error: expect.stringContaining('ENOTFOUND') })
    expect(timers.pending).toHaveLength(1)
  })

  it('a client asks its hub’s mirror with its device credential', async () => {
    const { updater, timers } = setup(hubMirrorFeed('https://192.168.1.10:8443/', 'latest', 'Bearer dev.secret'))
    timers.fireNext()
    await flush()
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://192.168.1.10:8443/v1/updates/', channel: 'latest' })
    expect(updater.requestHeaders).toEqual({ authorization: 'Bearer dev.secret' })
  })

  it('a downloaded update waits for the nightly restart, which waits while a rating is in progress', async () => {
    const app = Object.assign(new EventEmitter(), {
      relaunch: vi.fn(),
      exit: vi.fn(),
      quit: vi.fn(),
      setLoginItemSettings: vi.fn(),
    })
    const timers = manualTimers()
    const clock = { now: at('2025-03-03T16:00:00') }
    const unattended = startUnattended({
      app,
      packaged: false,
      settings: defaultUnattendedSettings,
      powerSaveBlocker: { start: () => 1, stop: () => {} },
      userData: '/nowhere',
      configHome: '/nowhere',
      executable: '/opt/kiosk',
      platform: 'linux',
      now: () => clock.now,
      log: spyLogger(),
      onFatal: () => {},
      quietMs: 180_000,
      setTimeout: timers.setTimeout,
    })
    const screen = new EventEmitter()
    unattended.onWindows([screen])
    const updater = new FakeUpdater()
    updater.next = { version: '1.1.0' }
    startUpdater({
      updater,
      feed: () => provinceFeed(config),
      now: () => clock.now,
      log: spyLogger(),
      onDownloaded: (install) => unattended.setRestart(install),
      firstCheckMs: 60_000,
      setTimeout: timers.setTimeout,
    })
    // Timers: [nightly restart at 03:00, first update check]. The check downloads 1.1.0 during opening hours...
    const check = timers.pending.findIndex((t) => t.ms === 60_000)
    timers.pending.splice(check, 1)[0]?.fn()
    await flush()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    // ...03:00 comes while a citizen is rating at the counter screen: postponed, nothing installed.
    clock.now = at('2025-03-04T03:00:00')
    screen.emit('input-event')
    clock.now += 30_000
    const nightly = timers.pending.findIndex((t) => t.ms !== 4 * 3600_000)
    timers.pending.splice(nightly, 1)[0]?.fn()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    expect(app.relaunch).not.toHaveBeenCalled()
    // A minute later, still within three minutes of the last touch: still waiting.
    clock.now += 60_000
    timers.pending.splice(timers.pending.findIndex((t) => t.ms === 60_000), 1)[0]?.fn()
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    // Quiet for three minutes: the restart installs the update (silently, and runs the app again).
    clock.now += 180_000
    timers.pending.splice(timers.pending.findIndex((t) => t.ms === 60_000), 1)[0]?.fn()
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, true)
    expect(app.relaunch).not.toHaveBeenCalled()
  })

  it("skips a check whose feed cannot be told (a client's hub not answering) and says why, then tries again later", async () => {
    const updater = new FakeUpdater()
    const timers = manualTimers()
    let feed: () => Promise<UpdateFeed | null> = () => Promise.reject(new Error("the main kiosk's update channel could not be read"))
    const running = startUpdater({
      updater,
      feed: () => feed(),
      now: () => at('2025-03-03T09:00:00'),
      log: spyLogger(),
      onDownloaded: () => {},
      firstCheckMs: 120_000,
      everyMs: 4 * 3600_000,
      setTimeout: timers.setTimeout,
    })
    timers.fireNext()
    await flush()
    // No feed set and nothing checked: a guessed channel could fetch a release the hub does not follow.
    expect(updater.setFeedURL).not.toHaveBeenCalled()
    expect(updater.checkForUpdates).not.toHaveBeenCalled()
    expect(running.state()).toMatchObject({ result: 'error', error: expect.stringContaining('update channel could not be read') })
    expect(timers.pending.map((t) => t.ms)).toEqual([4 * 3600_000])
    feed = () => Promise.resolve(hubMirrorFeed('https://192.168.1.10:8443', 'beta', 'Bearer x'))
    timers.fireNext()
    await flush()
    expect(updater.setFeedURL).toHaveBeenCalledExactlyOnceWith({ provider: 'generic', url: 'https://192.168.1.10:8443/v1/updates/', channel: 'beta' })
    expect(running.state()).toMatchObject({ result: 'up-to-date', channel: 'beta', error: null })
  })
})
