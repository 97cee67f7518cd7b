import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Logger } from '../dispatch'
import type { EventHub } from '../event-hub'
import { createScheduler, type Scheduler, type Timers } from './scheduler'
import { createUploader, type Uploader } from './uploader'

export interface SyncServiceDeps {
  db: Db
  clock: Clock
  hub: EventHub
  deviceId: string
  deviceSecret: Buffer
  appVersion: string
  log: Logger
  /** After a successful enrollment (see UploaderDeps.onEnrolled). */
  onEnrolled?: () => void
  /** [0, 1): the backoff's jitter (tests pin it). */
  random?: () => number
  /** The scheduler's timers (tests see what it armed); the global ones by default. */
  timers?: Timers
}

/** The uploader and its timer, as core owns them: a shell starts them once its window is up and stops them on quit. */
export interface SyncService {
  readonly uploader: Uploader
  readonly scheduler: Scheduler
  start(): void
  /** Stops the timer and aborts the request in flight; call before closing the database. */
  stop(): void
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { timers, ...uploaderDeps } = deps
  const uploader = createUploader({
    ...uploaderDeps,
    onStatus: (status) => deps.hub.emit('sync:status', status),
  })
  const scheduler = createScheduler(uploader, deps.clock, deps.log, timers)
  return {
    uploader,
    scheduler,
    start: () => scheduler.start(),
    stop: () => {
      scheduler.stop()
      uploader.close()
    },
  }
}
