import type { AppInfo } from '../../shared/schemas/system'
import { createAdminHandlers } from './admin/admin-handlers'
import { createConfigHandlers } from './admin/config-handlers'
import { createAuthHandlers } from './auth/auth-handlers'
import type { AuthService } from './auth/auth-service'
import { createBackupHandlers } from './backup/backup-handlers'
import type { BackupService } from './backup/backup-service'
import type { Clock } from './clock'
import { getSetting, listCounters, listFields } from './config/config-repo'
import type { Db } from './db/open'
import { createDeviceHandlers } from './devices/device-handlers'
import { kioskForDevice } from './devices/device-kiosk'
import type { DeviceService } from './devices/device-service'
import { createDisputeHandlers } from './disputes/dispute-handlers'
import type { Handlers, Logger } from './dispatch'
import type { EventHub } from './event-hub'
import { createQueueHandlers } from './queue/queue-handlers'
import type { QueueService } from './queue/queue-service'
import type { ChainVault } from './ratings/chain-seal'
import { createStaffHandlers } from './staff/staff-handlers'
import { createRatingHandlers } from './ratings/rating-handlers'
import { createReportHandlers, type PdfPrinter } from './reports/report-handlers'
import type { WorkerPool } from './worker/pool'
import { createDiagnostics } from './system/diagnostics'
import { createDiagnosticsPackageHandler } from './system/diagnostics-handlers'
import type { DiagnosticsShell } from './system/diagnostics-package'
import { createUpdateHandlers, type UpdatesShell } from './system/update-handlers'
import { listSystemEvents } from './system/system-events'
import { createSyncHandlers } from './upload/sync-handlers'
import type { SyncService } from './upload/sync-service'

export interface HandlerDeps {
  db: Db
  clock: Clock
  hub: EventHub
  info: AppInfo
  deviceId: string
  log: Logger
  queue: QueueService
  sync: SyncService
  /**
   * The staff sessions, one per client. Who may make a call is decided in dispatch from the contract's rules;
   * handlers use it only for what they alone decide (login, setup, ending sessions).
   */
  auth: AuthService
  /** Opens and seals the chain's keys (the key is never in kiosk.db in the clear). */
  chainVault: ChainVault
  /** The data folder (photos IT uploads live in `photos/`, backups in `backups/`). */
  dataDir: string
  /** Saves the report on screen as a PDF (Electron); absent under the web host. */
  pdf?: PdfPrinter
  backup: BackupService
  pool: WorkerPool
  /** Paired PCs of the centre network. */
  devices: DeviceService
  /** The shell's part of the diagnostics package (its logs, its settings, where the zip goes). */
  diagnostics?: DiagnosticsShell
  /** The shell's updater (Electron); absent elsewhere. */
  updates?: UpdatesShell
}

/** Every contract call's implementation. Inputs arrive already parsed; outputs are checked by `dispatch`. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createSystemHandlers(deps),
    ...createRatingHandlers(deps),
    ...createQueueHandlers(deps),
    ...createSyncHandlers(deps),
    ...createAuthHandlers(deps),
    ...createStaffHandlers(deps),
    ...createAdminHandlers(deps),
    ...createConfigHandlers(deps),
    ...createReportHandlers(deps),
    ...createBackupHandlers(deps),
    ...createDisputeHandlers(deps),
    ...createDeviceHandlers(deps),
    ...createDiagnosticsPackageHandler({ ...deps, shell: deps.diagnostics ?? {} }),
    ...createUpdateHandlers(deps),
  }
}

type SystemCall = 'app:info' | 'centre:overview' | 'system:events' | 'diagnostics:report'

function createSystemHandlers({ db, clock, hub, info }: HandlerDeps): Pick<Handlers, SystemCall> {
  const diagnostics = createDiagnostics({ db, clock })
  return {
    'app:info': () => info,

    'centre:overview': (_input, ctx) => {
      const now = clock.now()
      const device = ctx.device === undefined ? null : { role: ctx.device.role, counterId: ctx.device.counterId }
      return db.transaction(() => ({
        centre: getSetting(db, 'centre'),
        kiosk: kioskForDevice(getSetting(db, 'kiosk'), device),
        device,
        fields: listFields(db),
        counters: listCounters(db, now),
        generatedAt: now,
      }))()
    },

    'system:events': ({ limit, kinds }) => listSystemEvents(db, limit, kinds),

    // Open to every screen, so throttled per screen and in total (see diagnostics.ts).
    'diagnostics:report': (report, { clientId }) => {
      hub.emit('system:event', diagnostics.report(clientId, report))
      return { recorded: true as const }
    },
  }
}
