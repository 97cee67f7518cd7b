import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ZipFile } from 'yazl'
import type { AppInfo } from '../../../shared/schemas/system'
import { getSetting, hasSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { listSystemEvents } from './system-events'

/** What the shell adds to the package; every field optional, so the web host and tests give only what they have. */
export interface DiagnosticsShell {
  /** Folder of the shell's rotating log files (`*.log`, electron-log in the Electron shell). */
  logDir?: string
  /** The shell's own settings for this PC (unattended.json), which hold no secret. */
  shellConfig?: unknown
  /**
   * Where the zip goes: the Electron shell asks IT with a save dialog (null = IT cancelled). Without it the zip is
   * written to `<dataDir>/diagnostics/`, where the web host's and the headless hub's IT can collect it.
   */
  save?: (suggestedName: string, zip: Buffer) => Promise<string | null>
}

/** The newest part of each log file kept in the package: enough for support, never a zip too big to mail. */
export const LOG_TAIL_BYTES = 2 * 1024 * 1024
const EVENTS_KEPT = 500

/**
 * The package IT sends to remote support: versions, database statistics, configuration and logs. Built from an
 * allow-list, never by copying folders: no file of `secrets/`, no TLS key, no table that holds hashes or keys (PIN
 * hashes, pairing and device credential hashes, chain keys) is read — only counts of their rows. The one secret
 * inside a setting, the collector's enrollment token, is replaced by whether there is one.
 */
export async function buildDiagnosticsZip(deps: {
  db: Db
  dbFile: string
  info: AppInfo
  deviceId: string
  now: number
  shell: DiagnosticsShell
}): Promise<Buffer> {
  const zip = new ZipFile()
  const json = (name: string, value: unknown) => zip.addBuffer(Buffer.from(`${JSON.stringify(value, null, 2)}\n`), name)
  json('versions.json', {
    app: deps.info,
    deviceId: deps.deviceId,
    createdAt: new Date(deps.now).toISOString(),
    runtime: process.versions,
    platform: `${process.platform} ${process.arch} ${os.release()}`,
  })
  json('database.json', databaseStatistics(deps.db, deps.dbFile))
  json('configuration.json', { centre: configuration(deps.db), shell: deps.shell.shellConfig ?? null })
  json('system-events.json', listSystemEvents(deps.db, EVENTS_KEPT))
  for (const [name, body] of logTails(deps.shell.logDir)) zip.addBuffer(body, `logs/${name}`)
  return zipBytes(zip)
}

/** Ends `zip` and collects it in memory (a package is a few megabytes at most: the logs are tails). */
export async function zipBytes(zip: ZipFile): Promise<Buffer> {
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function databaseStatistics(db: Db, dbFile: string) {
  const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0)
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const rows: Record<string, number> = {}
  for (const table of tables) {
    // Names come from the database's own schema, quoted; no value of any row is read.
    rows[table] = Number(db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get())
  }
  const outbox = Object.fromEntries(
    (db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[]).map(
      (r) => [r.state, r.n],
    ),
  )
  return {
    schemaVersion: Number(db.pragma('user_version', { simple: true })),
    fileBytes: size(dbFile),
    walBytes: size(`${dbFile}-wal`),
    pageCount: Number(db.pragma('page_count', { simple: true })),
    freePages: Number(db.pragma('freelist_count', { simple: true })),
    outbox: { pending: outbox['pending'] ?? 0, sent: outbox['sent'] ?? 0, dead: outbox['dead'] ?? 0 },
    rows,
  }
}

function configuration(db: Db) {
  const read = <K extends 'centre' | 'kiosk' | 'queue'>(key: K) => (hasSetting(db, key) ? getSetting(db, key) : null)
  let upload: Record<string, unknown> | null = null
  if (hasSetting(db, 'upload')) {
    const { enrollmentToken, ...rest } = getSetting(db, 'upload')
    upload = { ...rest, hasEnrollmentToken: enrollmentToken !== null }
  }
  return { centre: read('centre'), kiosk: read('kiosk'), queue: read('queue'), upload }
}

/** A log file's name as the logger writes it (main.log, main.1.log): also a safe name inside the zip. */
const LOG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.log$/

/**
 * `*.log` files of the log folder, newest part of each. A missing folder is simply no logs. Only plain files: a
 * link is not followed (it could point at the secrets), and a folder or an odd name is left out rather than
 * failing the whole package. Only the tail is read, however big the file grew.
 */
export function logTails(dir: string | undefined): [string, Buffer][] {
  if (dir === undefined || !fs.existsSync(dir)) return []
  const tails: [string, Buffer][] = []
  for (const name of fs.readdirSync(dir).filter((n) => LOG_NAME.test(n)).sort()) {
    const tail = readTail(path.join(dir, name), LOG_TAIL_BYTES)
    if (tail !== null) tails.push([name, tail])
  }
  return tails
}

function readTail(file: string, max: number): Buffer | null {
  let fd: number
  try {
    if (!fs.lstatSync(file).isFile()) return null
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0))
  } catch {
    return null
  }
  try {
    const { size } = fs.fstatSync(fd)
    const length = Math.min(size, max)
    const body = Buffer.alloc(length)
    const read = fs.readSync(fd, body, 0, length, size - length)
    return body.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}
