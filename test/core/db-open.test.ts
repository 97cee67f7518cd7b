import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../electron/core/db/migrations'
import { openDatabase } from '../../electron/core/db/open'
import { DatabaseTooNewError } from '../../electron/core/errors'
import { fixedClock, testCore } from '../helpers/core'
import { systemEventsIn } from '../helpers/system-events'
import { tempDir } from '../helpers/temp-dir'

function sha(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

describe('openDatabase', () => {
  it('creates every table from empty, STRICT, at the latest version, with the durability pragmas', () => {
    const file = path.join(tempDir(), 'kiosk.db')
    const { db, created, fromVersion, recovered } = openDatabase(file, fixedClock())
    try {
      expect({ created, fromVersion, recovered }).toEqual({ created: true, fromVersion: 0, recovered: null })
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
      const tables = db
        .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string; strict: number }[]
      // Every table of every migration is STRICT; these are the ones the foundation and the ratings rely on.
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining([
        'assignments',
        'chain_head',
        'counter_fields',
        'counters',
        'officers',
        'outbox',
        'ratings',
        'service_fields',
        'settings',
        'system_events',
        'ticket_events',
        'tickets',
      ]))
      expect(tables.filter((t) => t.strict !== 1)).toEqual([])
    } finally {
      db.close()
    }
  })

  it('reopens an up-to-date file without migrating it again', () => {
    const file = path.join(tempDir(), 'kiosk.db')
    openDatabase(file, fixedClock()).db.close()
    const again = openDatabase(file, fixedClock())
    again.db.close()
    expect({ created: again.created, fromVersion: again.fromVersion }).toEqual({
      created: false,
      fromVersion: migrations.length,
    })
  })

  it('refuses a database from a newer app version with a clear message and leaves the file untouched', () => {
    const file = path.join(tempDir(), 'kiosk.db')
    const future = new Database(file)
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT')
    future.pragma(`user_version = ${migrations.length + 7}`)
    future.close()
    const before = sha(file)

    let caught: unknown
    try {
      openDatabase(file, fixedClock())
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError)
    expect((caught as Error).message).toContain(`schema version ${migrations.length + 7}`)
    expect((caught as Error).message).toContain('not changed')
    expect(sha(file)).toBe(before)
    expect(fs.readdirSync(path.dirname(file))).toEqual(['kiosk.db'])
  })

  it('moves a file that is not a database aside and creates a fresh one', () => {
    const dir = tempDir()
    const file = path.join(dir, 'kiosk.db')
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a))
    const { db, recovered, created } = openDatabase(file, fixedClock())
    db.close()
    expect(created).toBe(true)
    expect(recovered?.reason).toMatch(/SQLITE_NOTADB/)
    expect(fs.readFileSync(recovered?.movedTo ?? '')).toEqual(Buffer.alloc(8192, 0x5a))
    expect(fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1)
  })

  it('detects a damaged page with quick_check, keeps the damaged copy, and records the recovery', () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, 'kiosk.db')
    const first = testCore({ dataDir })
    first.close()
    // Overwrite the interior of page 2 onward (the tables' b-tree pages) with garbage, keeping the header.
    const bytes = fs.readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    bytes.fill(0xa5, pageSize + 8, Math.min(bytes.length, pageSize * 4))
    fs.writeFileSync(file, bytes)

    const core = testCore({ dataDir })
    const moved = fs.readdirSync(dataDir).filter((f) => /^kiosk\.db\.corrupt-[^-]/.test(f))
    expect(moved).toHaveLength(1)
    const events = systemEventsIn(core.dbFile, 'db.recovered')
    expect(events).toHaveLength(1)
    expect(JSON.parse(events[0]?.detail ?? '{}').movedTo).toBe(path.join(dataDir, moved[0] ?? ''))
  })

  it('rolls every pending migration back together when one fails', () => {
    const file = path.join(tempDir(), 'kiosk.db')
    const db = new Database(file)
    db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY) STRICT') // collides with migration 1
    db.close()
    expect(() => openDatabase(file, fixedClock())).toThrow(/already exists/)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(0)
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'counters'").pluck().get()).toBe(0)
    check.close()
  })
})
