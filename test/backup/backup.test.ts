import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { listBackups } from '../../electron/core/backup/backup-files'
import { createBackupService } from '../../electron/core/backup/backup-service'
import { openDatabase } from '../../electron/core/db/open'
import { createWorkerPool } from '../../electron/core/worker/pool'
import type { Core } from '../../electron/core/core'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { tempDir } from '../helpers/temp-dir'

const quiet = { error: () => {}, info: () => {} }

async function rate(core: Core, now: number): Promise<void> {
  const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now })
  await call(core, 'rating:submit', {
    ticketUid: ticket.uid,
    counterId: null,
    levelKey: 'satisfied',
    reasons: [],
    comment: '',
    language: 'vi',
  })
}

const ratings = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM ratings').pluck().get()
  } finally {
    db.close()
  }
}

describe('backup and restore', () => {
  it('round-trips: a backup taken now, restored later, brings back exactly its ratings', async () => {
    const clock = fixedClock()
    const dataDir = tempDir()
    const core = testCore({ dataDir, clock, pinCost: cheapCost })
    await rate(core, clock.now())
    await rate(core, clock.now())
    await loginAdmin(core)
    const { file } = await call(core, 'backup:now', { folder: null })
    expect(ratings(file)).toBe(2)
    clock.advance(2000)
    await call(core, 'auth:logout', {})
    await rate(core, clock.now())
    expect(ratings(core.dbFile)).toBe(3)

    await loginAdmin(core)
    const [latest] = await call(core, 'backup:list', {})
    expect(latest?.kind).toBe('manual')
    const result = await call(core, 'backup:restore', { name: path.basename(file), confirm: true })
    expect(ratings(core.dbFile)).toBe(2)
    // The state before the restore is kept, and the session ended.
    expect(ratings(path.join(dataDir, 'backups', result.safetyCopy))).toBe(3)
    expect(await call(core, 'auth:session', {})).toBeNull()
    // The live connection works on the restored data.
    expect((await call(core, 'centre:overview', {})).counters).toHaveLength(6)
    await loginAdmin(core)
    const audit = await call(core, 'audit:list', { limit: 5, before: null, from: null, to: null, action: 'backup.restore' })
    expect(audit).toHaveLength(1)
  })

  it('refuses a damaged backup and a restore without confirmation, changing nothing', async () => {
    const dataDir = tempDir()
    const core = testCore({ dataDir, pinCost: cheapCost })
    await loginAdmin(core)
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true })
    const name = 'kiosk-manual-20261120-010000.db'
    fs.writeFileSync(path.join(dataDir, 'backups', name), 'not a database at all, just text '.repeat(200))
    const damaged = await core.invoke('backup:restore', { name, confirm: true }, TEST_CLIENT)
    expect(damaged).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await core.invoke('backup:restore', { name, confirm: false }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })
    expect(await core.invoke('backup:now', { folder: '/no/such/folder' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })
    expect((await call(core, 'centre:overview', {})).counters).toHaveLength(6)
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([name])
  })

  it('keeps 24 hourly and 7 daily backups', async () => {
    const clock = fixedClock()
    const dataDir = tempDir()
    const { db } = openDatabase(path.join(dataDir, 'kiosk.db'), clock)
    const pool = createWorkerPool({ size: 1 })
    try {
      const service = createBackupService({ db, clock, dataDir, log: quiet, pool })
      for (let day = 0; day < 9; day++) {
        await service.runScheduled()
        clock.advance(24 * 3_600_000)
      }
      for (let hour = 0; hour < 30; hour++) {
        await service.runScheduled()
        clock.advance(3_600_000)
      }
      const kinds = listBackups(service.dir).map((b) => b.kind)
      expect(kinds.filter((k) => k === 'hourly')).toHaveLength(24)
      expect(kinds.filter((k) => k === 'daily')).toHaveLength(7)
      expect(service.lastBackupAt()).toBe(clock.now() - 3_600_000)
    } finally {
      await pool.close()
      db.close()
    }
  })
})
