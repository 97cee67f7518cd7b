import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, screen, session } from 'electron'
import { systemClock } from '../core/clock'
import { createCore, type Core, type LocalCore } from '../core/core'
import type { SecretStore } from '../core/device/secret-store'
import type { LanInfo } from '../core/devices/device-service'
import { DatabaseTooNewError } from '../core/errors'
import { prepareHubServing, type ServedHub } from './hub-serving'
import { forwardEvents, registerIpc } from './ipc'
import electronLog from 'electron-log/node'
import { autoUpdater } from 'electron-updater'
import { defaultUpdateConfig, type UpdateConfig } from '../../shared/schemas/updates'
import { clientFeed, trustHubForUpdates } from './client-updates'
import { saveWithDialog } from './diagnostics-save'
import { createFileLog } from './file-log'
import { resolveShellMode } from './mode'
import { brokenRoleMessage, loadNetworkRole, openClientCore } from './network-role'
import { createTicketPrinter } from './print'
import { createPdfPrinter } from './print-pdf'
import { createAppRequestHandler, registerAppScheme, serveAppProtocol } from './protocol'
import { chooseSecretStore } from './secret-store/choice'
import { SecretStoreError } from './secret-store/errors'
import { currentOwner } from './secret-store/key-file'
import { showSetupNotice, type NoticeWindow } from './setup-notice'
import { appCsp, installDevServerCsp } from './security/csp'
import { guardAllWebContents } from './security/navigation'
import { denyAllPermissions } from './security/permissions'
import { isTrustedSender } from './security/sender'
import { shellNow } from './unattended/clock'
import { loadUnattendedSettings, type UnattendedSettings } from './unattended/settings'
import { startUnattended } from './unattended/wire'
import { provinceFeed, startUpdater } from './updater'
import { boardDisplay, createBoardWindow, createMainWindow } from './window'

/**
 * Wiring only: every rule and handler lives in a module of its own with its tests (test/shell). The order
 * matters where noted: sandbox and scheme privileges must be set before `ready`.
 */

// Checklist #4: every renderer sandboxed, whatever a window's webPreferences say.
app.enableSandbox()
registerAppScheme(protocol)
const mode = resolveShellMode(app.isPackaged, process.env)
// Rotating files under <userData>/logs (file-log.ts), which the diagnostics package takes; core logs there too.
const fileLog = createFileLog(electronLog, join(app.getPath('userData'), 'logs'))
const log = fileLog.shell

const settingsFile = join(app.getPath('userData'), 'unattended.json')
const unattendedSettings = loadUnattendedSettings(settingsFile, log)
/** How often a kiosk showing the set-up notice looks again whether IT has fixed the cause. */
const SETUP_RETRY_MS = 30_000

/** The local core, or on a client PC the remote core that carries every call to the hub (network-role.ts). */
let core: Core | null = null
let mainWindow: BrowserWindow | null = null
/** The centre network's HTTPS server, when IT made this kiosk the hub (network.json, hub-serving.ts). */
let hubServer: ServedHub | null = null

let notice: NoticeWindow | null = null
/** Set at `will-quit`: a start-up still awaiting (the hub key, the port) must not open the database after it. */
let quitting = false
/** The feed IT set in admin (core tells the shell at start and on every change). */
let updateConfig: UpdateConfig = defaultUpdateConfig
let updater: ReturnType<typeof startUpdater> | null = null

/**
 * The secrets cannot be opened (no keychain and no key file chosen, a key file others can read, …): the set-up
 * notice stays on screen — no crash, no quit, no unprotected secret — and the kiosk tries again every little while,
 * so once IT has edited unattended.json or fixed the key file's mode it starts by itself.
 */
function blocked(error: SecretStoreError): void {
  log.error('secrets cannot be opened: the set-up notice is shown', error)
  notice ??= showSetupNotice((options) => new BrowserWindow(options), error, mode.production)
  setTimeout(() => void launch(), SETUP_RETRY_MS).unref()
}

/** Opens core, or explains on screen why it cannot and quits. A newer database file is never touched. */
function openCore(secrets: SecretStore, settings: UnattendedSettings, lan: LanInfo | undefined): LocalCore | null {
  try {
    return createCore({
      dataDir: app.getPath('userData'),
      resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
      shell: 'electron',
      appVersion: app.getVersion(),
      // The device key and the PIN pepper, outside the database, sealed as IT chose (secret-store/choice.ts).
      secrets,
      // Reports: the main window's report page saved as a PDF (print-pdf.ts).
      pdf: createPdfPrinter(() => mainWindow),
      // Queue tickets print silently in a hidden, script-less window (print.ts).
      printer: createTicketPrinter((options) => new BrowserWindow(options), log),
      // Pairing codes name the hub's addresses, port and key: only when this kiosk serves the centre network.
      ...(lan === undefined ? {} : { lan }),
      log: fileLog.core,
      // "Lưu gói chẩn đoán": this PC's log files and unattended settings, saved where IT picks (diagnostics-save.ts).
      diagnostics: {
        logDir: fileLog.dir,
        shellConfig: settings,
        save: saveWithDialog(dialog, app.getPath('documents')),
      },
      updates: {
        state: () => updater?.state() ?? { ...idleUpdater, channel: updateConfig.channel },
        configured: (config) => {
          updateConfig = config
          // The hub's mirror takes a new channel now: its clients follow it from their next check.
          hubServer?.updatesConfigured()
        },
      },
    })
  } catch (error) {
    if (error instanceof SecretStoreError) {
      blocked(error)
      return null
    }
    log.error('core failed to start', error)
    const message = error instanceof DatabaseTooNewError ? error.message : String(error)
    dialog.showErrorBox('Kiosk Một cửa không khởi động được', message)
    app.quit()
    return null
  }
}

/** What the health page shows where no updater runs: a developer's checkout has no update feed of its own. */
const idleUpdater = { channel: 'latest', feedUrl: null, lastCheckAt: null, result: 'no-feed', availableVersion: null, error: null } as const

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  // Read again on each try: IT fixes a kiosk on the notice by editing the file.
  const settings = loadUnattendedSettings(settingsFile, log)
  const choice = chooseSecretStore({
    settings,
    settingsFile,
    safeStorage,
    userData: dataDir,
    owner: currentOwner(),
    log,
  })
  if (choice.kind === 'blocked') {
    blocked(choice.error)
    return
  }
  const role = loadNetworkRole(join(dataDir, 'network.json'), log)
  if (role.kind === 'broken') {
    // Said on screen and in the log; never a local database on a PC that may be meant as a client.
    log.error(`network.json is broken: nothing is opened — ${role.problem}`)
    dialog.showErrorBox('Kiosk Một cửa không khởi động được', brokenRoleMessage(role.problem))
    app.quit()
    return
  }
  // The hub's TLS key is sealed by the same store as the device key and the PIN pepper.
  const serving =
    role.kind === 'hub'
      ? await prepareHubServing(role.settings, {
          dataDir,
          secrets: choice.store,
          clock: systemClock,
          log,
          updateConfig: () => updateConfig,
        })
      : null
  // Making the hub's key the first time takes a moment: the kiosk may have been told to quit meanwhile.
  if (quitting) return
  const local = role.kind === 'client' ? null : openCore(choice.store, settings, serving?.lan)
  core =
    role.kind === 'client'
      ? openClientCore(role.settings, {
          dataDir,
          secrets: choice.store,
          clock: systemClock,
          appVersion: app.getVersion(),
          log: fileLog.core,
          // "Lưu gói chẩn đoán" on this PC: its own logs and settings next to the hub's part, saved where IT picks.
          diagnostics: {
            logDir: fileLog.dir,
            shellConfig: { unattended: settings, network: role.settings },
            save: saveWithDialog(dialog, app.getPath('documents')),
          },
        })
      : local
  if (core === null) return
  const ses = session.defaultSession
  denyAllPermissions(ses, log)
  if (mode.devServerOrigin !== null) installDevServerCsp(ses, mode.devServerOrigin, log)
  serveAppProtocol(
    protocol,
    createAppRequestHandler({ rendererDir: join(__dirname, '../renderer'), readMedia: core.readMedia, csp: appCsp() }),
  )
  registerIpc(ipcMain, core, (event) => isTrustedSender(event, mode.allowedOrigins), log)
  // Production has no menu at all, so no accelerator (reload, devtools, quit) exists to be pressed.
  if (mode.production) Menu.setApplicationMenu(null)

  const windowOptions = { core, mode, preload: join(__dirname, '../preload/index.js'), log }
  mainWindow = createMainWindow(windowOptions)
  forwardEvents(core, mainWindow.webContents)
  const tv = boardDisplay(core.kioskSettings().display, screen.getAllDisplays(), screen.getPrimaryDisplay())
  const board = tv === null ? null : createBoardWindow(windowOptions, tv.bounds)
  if (board !== null) forwardEvents(core, board.webContents)
  // Uploads start once the window can hear about them; `will-quit` → core.close() stops them.
  core.startBackgroundJobs()
  // Only an installed app updates (a checkout has no app-update.yml). A downloaded update installs at the nightly
  // restart, which waits for quiet screens, or when the app next quits — never in the middle of a rating.
  if (mode.production) {
    // A client follows its hub's mirror, trusting the hub's self-signed key in the updater's session only.
    const client = role.kind === 'client'
    if (client) trustHubForUpdates(session, dataDir, log)
    const secrets = choice.store
    // A client's core is the hub's: it asks the hub which channel IT chose there before each check.
    const hub = core
    updater = startUpdater({
      updater: autoUpdater,
      feed: () => (client ? clientFeed(dataDir, secrets, hub) : provinceFeed(updateConfig)),
      now: shellNow,
      log,
      onDownloaded: (install) => unattended?.setRestart(install),
    })
  }
  // Closed only once the main window exists, so there is never a moment without a window (window-all-closed).
  notice?.close()
  notice = null
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  // The board stays lit during opening hours; the nightly restart waits until no screen was touched for a while.
  unattended?.onWindows(board === null ? [mainWindow.webContents] : [mainWindow.webContents, board.webContents])
  // Last: the other PCs of the centre get the same core as this window (the LAN adds transport, never behaviour).
  if (serving !== null && local !== null) {
    const served = local
    const server = await serving.serve(served)
    // The app may have quit while the port opened: then it closes again at once.
    if (core === served) hubServer = server
    else void server?.close()
  }
}

/** Starts the kiosk (at ready, and again from the set-up notice); a failure quits rather than leave a blank PC. */
async function launch(): Promise<void> {
  try {
    await start()
  } catch (error: unknown) {
    log.error('start-up failed', error)
    app.quit()
  }
}

let unattended: ReturnType<typeof startUnattended> | null = null

// A second launch (someone double-clicks the shortcut) must not open a second kiosk on the same database.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })
  unattended = startUnattended({
    app,
    packaged: app.isPackaged,
    settings: unattendedSettings,
    powerSaveBlocker,
    userData: app.getPath('userData'),
    configHome: process.env['XDG_CONFIG_HOME'] ?? join(app.getPath('home'), '.config'),
    // Inside an AppImage, process.execPath is a temporary mount: autostart must name the AppImage file itself.
    executable: process.env['APPIMAGE'] ?? process.execPath,
    platform: process.platform,
    now: shellNow,
    log,
    onFatal: (listener) => process.on('uncaughtException', listener),
  })
  guardAllWebContents(app, mode.allowedOrigins, log)
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    quitting = true
    // The port first (its close ends every client connection at once), then the database the calls would use.
    void hubServer?.close()
    hubServer = null
    core?.close()
    core = null
  })
  void app.whenReady().then(launch)
}
