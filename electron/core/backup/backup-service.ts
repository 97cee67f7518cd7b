import fs from 'node:fs'
import path from 'node:path'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Logger } from '../dispatch'
import { AppError } from '../errors'
import { hasGenesisKey } from '../ratings/chain-repo'
import { recordSystemEvent } from '../system/system-events'
import type { WorkerPool } from '../worker/pool'
import { backupName, listBackups, rotate, type BackupKind } from './backup-files'
import { externalBackupFiles, isFile, scrubGenesisRow } from './genesis-scrub'

const HOUR = 3_600_000
const CHECK_EVERY_MS = 5 * 60_000

export interface BackupService {
  dir: string
  /** An online backup of kind `kind` into `folder` (default: the backups folder); answers the file. */
  backup(kind: BackupKind, folder?: string): Promise<string>
  /** Takes the hourly / daily backups that are due, then rotates. The timer calls it; tests call it directly. */
  runScheduled(): Promise<void>
  restore(name: string): Promise<string>
  /**
   * After enrollment: removes key_1 from every backup this kiosk wrote (the backups folder, and "backup now"
   * copies elsewhere that are still reachable). Never throws: a file it cannot clean is a system event for IT.
   */
  forgetGenesisInBackups(): Promise<void>
  lastBackupAt(): number | null
  start(): void
  stop(): void
}

/**
 * Online backups with better-sqlite3's `.backup()` (SQLite's backup API: a consistent copy while the kiosk keeps
 * working), rotated 24 hourly / 7 daily, and restore with validation. Backups hold ratings, so they stay in the
 * data folder (or where IT points); the PIN pepper and device key are *not* in them (they live in `secrets/`).
 */
export interface BackupDeps {
  db: Db
  clock: Clock
  dataDir: string
  log: Logger
  /** Copies, checks and VACUUMs run there, never on the thread that answers taps. */
  pool: WorkerPool
}

export function createBackupService({ db, clock, dataDir, log, pool }: BackupDeps): BackupService {
  const dir = path.join(dataDir, 'backups')
  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> = Promise.resolve()
  // One backup or restore at a time: a restore must never overlap a scheduled backup of the same file.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = running.then(work, work)
    running = run.catch(() => undefined)
    return run
  }

  const backup = (kind: BackupKind, folder = dir) =>
    serial(async () => {
      if (!path.isAbsolute(folder) || !fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
        if (folder !== dir) throw new AppError('BAD_INPUT', 'folder: not an existing absolute folder')
        fs.mkdirSync(dir, { recursive: true })
      }
      const file = path.join(folder, backupName(folder, kind, clock.now()))
      return pool.run('backup', { source: db.name, target: file })
    })

  const due = (kind: BackupKind, every: number) => {
    const newest = listBackups(dir).find((b) => b.kind === kind)
    return newest === undefined || clock.now() - newest.at >= every - 60_000 // a minute of slack for the timer
  }

  return {
    dir,
    backup,
    async runScheduled() {
      if (due('hourly', HOUR)) await backup('hourly')
      if (due('daily', 24 * HOUR)) await backup('daily')
      rotate(dir)
    },
    restore: (name) =>
      serial(async () => {
        const source = path.join(dir, name)
        if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `no backup ${name}`)
        // Check (and bring up to this version's schema) a copy, never the backup itself.
        const staging = path.join(dir, 'restore-staging.db')
        fs.rmSync(staging, { force: true })
        fs.copyFileSync(source, staging)
        try {
          const check = await pool.run('restoreCheck', { staging, live: db.name, now: clock.now() })
          if (!check.usable) throw new AppError('CONFLICT', 'the backup is damaged or not a kiosk database')
          if (check.refusal !== null) throw new AppError('CONFLICT', check.refusal)
          const enrolled = check.enrolled
          const safety = backupName(dir, 'pre-restore', clock.now())
          await pool.run('backup', { source: db.name, target: path.join(dir, safety) })
          // SQLite's backup API into the live file, under its locks (the worker's reader of the staging copy).
          await pool.run('backup', { source: staging, target: db.name })
          // The staging copy was cleaned already; this check on the live file is what the guarantee rests on.
          if (enrolled && hasGenesisKey(db)) {
            scrubGenesisRow(db)
            db.pragma('wal_checkpoint(TRUNCATE)')
          }
          return safety
        } finally {
          for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true })
          for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('restore-staging.db.corrupt'))) {
            fs.rmSync(path.join(dir, f), { force: true })
          }
        }
      }),
    forgetGenesisInBackups: () =>
      // Serial: a backup being written while the kiosk enrolled is finished (and then cleaned), never raced.
      serial(async () => {
        // The live file's -wal may still hold the page with the key from before enrollment: a checkpoint that
        // truncates it leaves only the database file, where the row was deleted with secure_delete.
        try {
          db.pragma('wal_checkpoint(TRUNCATE)')
        } catch (error) {
          log.error('backup: could not checkpoint after enrollment', error)
        }
        const files = [...listBackups(dir).map((b) => path.join(dir, b.name)), ...externalBackupFiles(db, dir)]
        for (const file of files) {
          try {
            if (!isFile(file)) throw new Error('not reachable (removed, or on a drive that is not attached)')
            await pool.run('scrubGenesisFile', { file })
          } catch (error) {
            log.error(`backup: could not remove the genesis key from ${file}`, error)
            const detail = JSON.stringify({ file, error: String(error).slice(0, 500) })
            recordSystemEvent(db, clock.now(), 'backup.genesis_not_removed', detail)
          }
        }
      }),
    lastBackupAt: () => listBackups(dir)[0]?.at ?? null,
    start() {
      if (timer) return
      const tick = () => void this.runScheduled().catch((error: unknown) => log.error('scheduled backup failed', error))
      tick()
      timer = setInterval(tick, CHECK_EVERY_MS)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
