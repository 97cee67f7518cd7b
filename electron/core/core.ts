import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { KioskSettings } from '../../shared/schemas/centre'
import type { Result } from '../../shared/result'
import type { AppInfo } from '../../shared/schemas/system'
import { createAuthService } from './auth/auth-service'
import { createBackupService } from './backup/backup-service'
import { PRODUCTION_SCRYPT_COST, type ScryptCost } from './auth/pin-hash'
import { systemClock, type Clock } from './clock'
import { getSetting, hasSetting, putSetting } from './config/config-repo'
import { defaultKioskSettings, seedDemoCentre } from './config/demo-seed'
import { fileSecretStore, type SecretStore } from './device/secret-store'
import { openDatabase, type Db } from './db/open'
import { createDeviceService, type DeviceService, type LanInfo } from './devices/device-service'
import { migrations } from './db/migrations'
import { createAccessGate } from './access'
import { createDispatch, type CallContext, type Logger } from './dispatch'
import { createEventHub, type EventListener } from './event-hub'
import { createHandlers } from './handlers'
import { readMedia, type MediaFile } from './media'
import { defaultQueueSettings } from './queue/default-settings'
import { createQueueService, type TicketPrinter } from './queue/queue-service'
import { ensureChainStarted, openHead } from './ratings/chain-repo'
import { chainVault, type ChainVault } from './ratings/chain-seal'
import type { PdfPrinter } from './reports/report-handlers'
import { defaultRatingForm } from './ratings/default-forms'
import type { DiagnosticsShell } from './system/diagnostics-package'
import type { UpdatesShell } from './system/update-handlers'
import { recordSystemEvent } from './system/system-events'
import { createSyncService } from './upload/sync-service'
import { createWorkerPool } from './worker/pool'

export interface CoreOptions {
  /** Where the kiosk keeps its database, photos and secrets. Created if missing. */
  dataDir: string
  /** The app's shipped `resources/` folder (seed photos, sounds). */
  resourcesDir: string
  shell: AppInfo['shell']
  appVersion: string
  clock?: Clock
  /** Fill a new database with the demo centre (default true). */
  seedDemo?: boolean
  /** Where the device secret lives; default: files under `<dataDir>/secrets` (Electron passes safeStorage). */
  secrets?: SecretStore
  log?: Logger
  /** Prints queue tickets silently (the Electron shell); without it tickets are shown on screen only. */
  printer?: TicketPrinter
  /**
   * scrypt cost of staff PINs; default the production N=2^17, r=8, p=1. Only tests that are not about hashing
   * lower it, to keep the suites fast.
   */
  pinCost?: ScryptCost
  /** Saves the report on screen as a PDF (the Electron shell's printToPDF); without it reports print from the page. */
  pdf?: PdfPrinter
  /** Where this core serves the centre network (the hub); pairing codes carry it. Absent: no pairing. */
  lan?: LanInfo
  /** The shell's logs and settings for "Lưu gói chẩn đoán", and where the zip goes (default: the data folder). */
  diagnostics?: DiagnosticsShell
  /** The Electron shell's updater: its state for the health page, and the feed IT sets in admin. */
  updates?: UpdatesShell
}

/** The whole app minus windows. Both shells (Electron main and the web host) talk to it through `invoke`. */
export interface Core {
  /** `context` comes from the shell (which window or page called), never from the renderer's input. */
  invoke(channel: unknown, input: unknown, context: CallContext): Promise<Result<unknown>>
  subscribe(listener: EventListener): () => void
  /** Local files on this PC; a LAN client fetches them from the hub (hence possibly a promise). */
  readMedia(mediaPath: string): MediaFile | null | Promise<MediaFile | null>
  kioskSettings(): KioskSettings
  readonly dbFile: string
  /** Starts the upload timer (the shell calls it once it is up; tests drive rounds through `sync:now`). */
  startBackgroundJobs(): void
  close(): void
}

/** The core that holds the database; the hub server also needs its device registry (pairing, credentials). */
export interface LocalCore extends Core {
  readonly devices: DeviceService
  readMedia(mediaPath: string): MediaFile | null
}

export const DB_FILE_NAME = 'kiosk.db'

const consoleLogger: Logger = {
  error: (message, error) => console.error(`[core] ${message}`, error),
  info: (message) => console.info(`[core] ${message}`),
}

export function createCore(options: CoreOptions): LocalCore {
  const clock = options.clock ?? systemClock
  const log = options.log ?? consoleLogger
  fs.mkdirSync(options.dataDir, { recursive: true })
  const dbFile = path.join(options.dataDir, DB_FILE_NAME)
  const opened = openDatabase(dbFile, clock)
  const { db } = opened
  const secrets = options.secrets ?? fileSecretStore(path.join(options.dataDir, 'secrets'))
  let deviceId: string
  let vault: ChainVault
  let pepper: Buffer
  try {
    vault = chainVault(secrets.getOrCreate('device', 32))
    // Read here, inside the try: a secret that cannot be opened (the Electron shell then shows its set-up notice and
    // tries again later) must not leave this database connection open behind it.
    pepper = secrets.getOrCreate('pin-pepper', 32)
    deviceId = prepareContent(db, opened, clock, options.seedDemo ?? true, vault, log)
  } catch (error) {
    db.close()
    throw error
  }

  const hub = createEventHub()
  const info: AppInfo = {
    name: 'Kiosk Một cửa',
    version: options.appVersion,
    shell: options.shell,
    schemaVersion: migrations.length,
  }
  const queue = createQueueService({ db, clock, hub, deviceId, log, printer: options.printer })
  // Reports, exports, backups and restore checks run in worker threads: this thread answers the taps.
  const pool = createWorkerPool()
  const backup = createBackupService({ db, clock, dataDir: options.dataDir, log, pool })
  const sync = createSyncService({
    db,
    clock,
    hub,
    deviceId,
    deviceSecret: secrets.getOrCreate('device', 32),
    appVersion: options.appVersion,
    log,
    // key_1 has just been deleted from the live database; backups taken before still hold it (PROTOCOL.md).
    onEnrolled: () => {
      backup.forgetGenesisInBackups().catch((error: unknown) => log.error('could not clean the backups', error))
    },
  })
  const auth = createAuthService({
    db,
    clock,
    pepper,
    cost: options.pinCost ?? PRODUCTION_SCRYPT_COST,
  })
  const devices = createDeviceService({ db, clock, lan: options.lan ?? null })
  const handlers = createHandlers({
    devices,
    db,
    clock,
    hub,
    info,
    deviceId,
    queue,
    sync,
    log,
    auth,
    chainVault: vault,
    dataDir: options.dataDir,
    pdf: options.pdf,
    backup,
    diagnostics: options.diagnostics,
    updates: options.updates,
    pool,
  })
  // Access is decided in dispatch, from the contract's rules and the caller's session, before any handler runs.
  const dispatch = createDispatch({ handlers, log, gate: createAccessGate({ db, clock, auth }) })
  const mediaRoots = {
    seed: path.join(options.resourcesDir, 'seed'),
    photos: path.join(options.dataDir, 'photos'),
    voice: path.join(options.resourcesDir, 'voice'),
  }
  queue.start()

  return {
    dbFile,
    devices,
    invoke: (channel, input, context) => dispatch(channel, input, context),
    subscribe: (listener) => hub.subscribe(listener),
    readMedia: (mediaPath) => readMedia(mediaRoots, mediaPath),
    kioskSettings: () => getSetting(db, 'kiosk'),
    startBackgroundJobs: () => {
      sync.start()
      backup.start() // hourly and daily backups, rotated
    },
    close: () => {
      queue.stop()
      sync.stop()
      backup.stop()
      void pool.close() // a running export or backup is cancelled (its worker thread ends)
      db.close()
    },
  }
}

/**
 * Records what happened to the file on open, gives the device its identity and chain, fills in default settings
 * and seeds the demo centre into a new database. Returns the device id.
 */
function prepareContent(
  db: Db,
  opened: ReturnType<typeof openDatabase>,
  clock: Clock,
  seedDemo: boolean,
  vault: ChainVault,
  log: Logger,
): string {
  const now = clock.now()
  let sealedPlainKeys = false
  const deviceId = db.transaction(() => {
    if (opened.recovered) {
      log.error(`database failed its check and was moved to ${opened.recovered.movedTo}`)
      recordSystemEvent(db, now, 'db.recovered', JSON.stringify(opened.recovered))
    } else if (opened.created) {
      recordSystemEvent(db, now, 'db.created', JSON.stringify({ schemaVersion: migrations.length }))
    }
    if (seedDemo && !hasSetting(db, 'centre')) {
      seedDemoCentre(db, now)
      recordSystemEvent(db, now, 'db.seeded', 'demo centre')
    }
    if (!hasSetting(db, 'kiosk')) putSetting(db, 'kiosk', defaultKioskSettings)
    if (!hasSetting(db, 'ratingForm')) putSetting(db, 'ratingForm', defaultRatingForm(3))
    if (!hasSetting(db, 'device')) putSetting(db, 'device', { deviceId: crypto.randomUUID() })
    if (!hasSetting(db, 'queue')) putSetting(db, 'queue', defaultQueueSettings)
    sealedPlainKeys = ensureChainStarted(db, vault)
    return getSetting(db, 'device').deviceId
  }).immediate()
  // The plain keys just sealed are zeroed in the database file, but their old page images sit in the WAL until a
  // checkpoint: write them back and empty it now.
  if (sealedPlainKeys) db.pragma('wal_checkpoint(TRUNCATE)')
  checkChainKey(db, vault, now, log)
  return deviceId
}

/**
 * A database copied from another machine (or whose secrets were lost) starts, but cannot chain a rating: say so
 * at start, in the system log IT reads, not only when the first citizen is refused.
 */
function checkChainKey(db: Db, vault: ChainVault, now: number, log: Logger): void {
  try {
    openHead(db, vault)
  } catch (error) {
    log.error('the rating chain cannot be extended on this device', error)
    recordSystemEvent(db, now, 'chain.key_unavailable', error instanceof Error ? error.message : String(error))
  }
}
