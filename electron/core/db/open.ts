import fs from 'node:fs'
import Database from 'better-sqlite3'
import type { Clock } from '../clock'
import { DatabaseTooNewError } from '../errors'
import { migrations } from './migrations'

export type Db = Database.Database

export interface Recovery {
  /** Where the damaged file (and its -wal / -shm companions) now lives. */
  movedTo: string
  reason: string
}

export interface OpenedDatabase {
  db: Db
  /** True when this open created the schema from nothing (first run, or after a recovery). */
  created: boolean
  recovered: Recovery | null
  /** The schema version the file had before this open migrated it. */
  fromVersion: number
}

/**
 * Opens the kiosk's database, the one writer connection of the process.
 *
 * A file from a newer app version is refused untouched. A file that fails `quick_check` (or is not a database
 * at all) is moved aside — never deleted, IT may want it — and a fresh database is created in its place.
 */
export function openDatabase(file: string, clock: Clock): OpenedDatabase {
  const existed = fs.existsSync(file)
  const problem = existed ? checkExisting(file) : null
  const recovered = problem === null ? null : moveAside(file, problem, clock)
  const db = new Database(file)
  try {
    configure(db)
    const fromVersion = migrate(db, file)
    return { db, created: fromVersion === 0, recovered, fromVersion }
  } catch (error) {
    db.close()
    throw error
  }
}

/** Reads the version first (refusing a newer file before anything writes to it), then runs `quick_check`. */
function checkExisting(file: string): string | null {
  let db: Db | undefined
  try {
    db = new Database(file, { fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > migrations.length) throw new DatabaseTooNewError(file, version, migrations.length)
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    if (rows.length === 1 && rows[0]?.quick_check === 'ok') return null
    return `quick_check: ${rows
      .slice(0, 5)
      .map((r) => r.quick_check)
      .join('; ')}`
  } catch (error) {
    if (isCorruption(error)) return `${error.code}: ${error.message}`
    throw error // a newer file, a locked file or a permission problem is not corruption: never move those aside
  } finally {
    db?.close()
  }
}

function isCorruption(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Database.SqliteError &&
    (error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB')
  )
}

function moveAside(file: string, reason: string, clock: Clock): Recovery {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-')
  const movedTo = `${file}.corrupt-${stamp}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix)
  }
  return { movedTo, reason }
}

function configure(db: Db): void {
  db.pragma('busy_timeout = 5000')
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal') throw new Error(`could not switch the database to WAL (got ${String(mode)})`)
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a kiosk loses power.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
}

/** Applies every pending migration in one transaction. Returns the version the file had before. */
function migrate(db: Db, file: string): number {
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version > migrations.length) throw new DatabaseTooNewError(file, version, migrations.length)
  if (version === migrations.length) return version
  db.transaction(() => {
    for (const sql of migrations.slice(version)) db.exec(sql)
    db.pragma(`user_version = ${migrations.length}`)
  }).immediate()
  return version
}
