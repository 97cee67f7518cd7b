import path from 'node:path'
import { afterEach } from 'vitest'
import type { Clock } from '../../electron/core/clock'
import { createCore, type Core, type CoreOptions, type LocalCore } from '../../electron/core/core'
import type { CallContext } from '../../electron/core/dispatch'
import { openDatabase, type Db } from '../../electron/core/db/open'
import { tempDir } from './temp-dir'

export const resourcesDir = path.resolve(__dirname, '../../resources')

const open: Core[] = []
const dbs: Db[] = []

afterEach(() => {
  for (const core of open.splice(0)) core.close()
  for (const db of dbs.splice(0)) db.close()
})

export function fixedClock(start = Date.UTC(2026, 10, 26, 2, 0, 0)): Clock & { advance(ms: number): void } {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

/** A core on a real SQLite file in its own temp data dir, closed after the test. */
export function testCore(overrides: Partial<CoreOptions> = {}): LocalCore {
  const core = createCore({
    dataDir: tempDir(),
    resourcesDir,
    shell: 'web',
    appVersion: '0.0.0-test',
    clock: fixedClock(),
    log: { error: () => {}, info: () => {} },
    ...overrides,
  })
  open.push(core)
  return core
}

/**
 * A kiosk file as the real core makes it (migrated, seeded), reopened bare so a test can fill and read it
 * directly; closed after the test.
 */
export function kioskDb(clock: Clock): Db {
  const core = testCore({ clock })
  const file = core.dbFile
  core.close()
  const { db } = openDatabase(file, clock)
  dbs.push(db)
  return db
}

/**
 * The shell's name for the calling window in core tests (Electron passes the webContents id, the web host the
 * page's UUID). Tests about one client use `TEST_CLIENT`; tests about two windows side by side add `OTHER_CLIENT`.
 */
export const TEST_CLIENT: CallContext = { clientId: 'test:a' }
export const OTHER_CLIENT: CallContext = { clientId: 'test:b' }
