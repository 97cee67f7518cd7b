import type { OutgoingHttpHeaders } from 'node:http'
import type { UpdateConfig, UpdaterState } from '../../shared/schemas/updates'
import type { ShellLogger } from './log'

/** The part of electron-updater's `autoUpdater` the shell uses (passed in: tests drive a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  allowDowngrade: boolean
  disableDifferentialDownload: boolean
  requestHeaders: OutgoingHttpHeaders | null
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

/** Where this PC's updater looks: the province feed (the hub) or the hub's mirror (a paired client). */
export interface UpdateFeed {
  url: string
  channel: UpdateConfig['channel']
  /** A client's device credential: the hub's mirror serves paired devices only. */
  headers?: Record<string, string>
}

export interface UpdaterOptions {
  updater: AutoUpdaterLike
  /**
   * Read before every check, so a feed IT changes in admin is used from the next check on. Null: no feed. A client
   * asks its hub (the channel IT set there), hence a promise; a failure to ask is this check's error.
   */
  feed: () => UpdateFeed | null | Promise<UpdateFeed | null>
  now: () => number
  log: ShellLogger
  /**
   * A downloaded update is installed only by a restart the shell chose — the nightly restart, which waits while a
   * screen is in use (unattended/nightly-restart.ts) — or when the app quits anyway (the next start runs it).
   */
  onDownloaded: (install: () => void) => void
  firstCheckMs?: number
  everyMs?: number
  setTimeout?: (fn: () => void, ms: number) => { unref?: () => void }
}

/**
 * electron-updater on the generic provider: checks a little after start and then every few hours, downloads in
 * the background, never installs by itself while the app runs. Staged rollouts need nothing here: the feed's
 * `stagingPercentage` is honoured by electron-updater itself, from a random id it keeps per PC.
 */
export function startUpdater(options: UpdaterOptions) {
  const { updater, log } = options
  const later = options.setTimeout ?? setTimeout
  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  // The hub's mirror serves whole files only (no multi-range requests), and a LAN copy is cheap anyway.
  updater.disableDifferentialDownload = true
  let state: UpdaterState = { channel: 'latest', feedUrl: null, lastCheckAt: null, result: 'never', availableVersion: null, error: null }
  const set = (next: Partial<UpdaterState>) => {
    state = { ...state, ...next }
  }
  updater.on('update-not-available', () => set({ result: 'up-to-date', availableVersion: null, error: null }))
  updater.on('update-available', (info) => {
    log.info(`update ${info.version} found: downloading in the background`)
    set({ result: 'downloading', availableVersion: info.version, error: null })
  })
  updater.on('update-downloaded', (info) => {
    log.info(`update ${info.version} downloaded: it installs at the nightly restart or the next start`)
    set({ result: 'downloaded', availableVersion: info.version })
    options.onDownloaded(() => updater.quitAndInstall(true, true))
  })
  updater.on('error', (error) => {
    log.warn(`update check failed: ${error.message}`)
    set({ result: 'error', error: error.message.slice(0, 500) })
  })

  const check = async (): Promise<void> => {
    set({ lastCheckAt: options.now() })
    let feed: UpdateFeed | null
    try {
      feed = await options.feed()
    } catch (error) {
      log.warn(`update check skipped: ${String(error)}`)
      set({ result: 'error', error: String(error).slice(0, 500) })
      return
    }
    set({ feedUrl: feed?.url ?? null, channel: feed?.channel ?? state.channel })
    if (feed === null) {
      set({ result: 'no-feed', error: null })
      return
    }
    // A downloaded update stays: checking again would only download it again.
    if (state.result === 'downloaded') return
    updater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel })
    // Setting a channel lets electron-updater downgrade; a kiosk never goes back a version on its own.
    updater.allowDowngrade = false
    updater.requestHeaders = feed.headers ?? null
    try {
      await updater.checkForUpdates()
    } catch (error) {
      // Also reported through 'error'; caught so a failed check never becomes an unhandled rejection.
      set({ result: 'error', error: String(error).slice(0, 500) })
    }
  }
  const arm = (ms: number) => {
    later(() => {
      void check().finally(() => arm(options.everyMs ?? 4 * 3600_000))
    }, ms).unref?.()
  }
  arm(options.firstCheckMs ?? 2 * 60_000)
  return { state: () => state, check }
}

/** The hub (or a stand-alone kiosk) follows the feed IT set in admin. */
export function provinceFeed(config: UpdateConfig): UpdateFeed | null {
  return config.feedUrl === null ? null : { url: config.feedUrl, channel: config.channel }
}

/**
 * A paired client follows its hub's mirror (`/v1/updates/` on the hub's HTTPS port, hub-server.ts), so thirty
 * counter PCs do not each download the installer from the province; it proves itself with its device credential.
 */
export function hubMirrorFeed(hubUrl: string, channel: UpdateConfig['channel'], authorization: string): UpdateFeed {
  return { url: `${hubUrl.replace(/\/+$/, '')}/v1/updates/`, channel, headers: { authorization } }
}
