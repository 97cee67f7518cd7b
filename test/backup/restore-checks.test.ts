import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

const NAME = 'kiosk-manual-20261120-010000.db'

describe('restore validation', () => {
  it('refuses a backup with no enabled admin (it would reopen first-time setup), changing nothing', async () => {
    const dataDir = tempDir()
    const core = testCore({ dataDir, clock: fixedClock(), pinCost: cheapCost })
    // Taken on the new kiosk before IT created the first admin.
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true })
    const live = new Database(core.dbFile, { readonly: true })
    await live.backup(path.join(dataDir, 'backups', NAME))
    live.close()
    await loginAdmin(core)
    const result = await core.invoke('backup:restore', { name: NAME, confirm: true }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('tài khoản quản trị') } })
    expect((await call(core, 'auth:accounts', {})).hasAdmin).toBe(true)
    expect(await call(core, 'auth:session', {})).toMatchObject({ role: 'admin' })
  })

  it("refuses another device's backup", async () => {
    const dataDir = tempDir()
    const core = testCore({ dataDir, clock: fixedClock(), pinCost: cheapCost })
    await loginAdmin(core)
    const { file } = await call(core, 'backup:now', { folder: null })
    const other = new Database(file)
    other.prepare("UPDATE settings SET value = ? WHERE key = 'device'").run(JSON.stringify({ deviceId: crypto.randomUUID() }))
    other.close()
    const result = await core.invoke('backup:restore', { name: path.basename(file), confirm: true }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('thiết bị khác') } })
    expect(await call(core, 'auth:session', {})).toMatchObject({ role: 'admin' })
  })
})
