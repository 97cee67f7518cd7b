import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PRODUCTION_SCRYPT_COST, verifyPin } from '../../electron/core/auth/pin-hash'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { call, cheapCost, givePin, loginAdmin, setupAdmin } from './helpers'

afterEach(() => vi.restoreAllMocks())

describe('PIN hashing', () => {
  it('uses scrypt N=2^17 r=8 p=1 with a 16-byte salt and the pepper kept outside the database by default', async () => {
    const dataDir = tempDir()
    const core = testCore({ dataDir }) // no pinCost: the production default
    await setupAdmin(core)
    const db = new Database(core.dbFile, { readonly: true })
    const row = db.prepare('SELECT pin_hash, pin_salt, pin_params FROM staff_accounts').get() as {
      pin_hash: string
      pin_salt: string
      pin_params: string
    }
    db.close()
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 })
    expect(row.pin_params).toBe('scrypt:131072:8:1')
    expect(Buffer.from(row.pin_salt, 'hex')).toHaveLength(16)
    const stored = { hash: row.pin_hash, salt: row.pin_salt, params: row.pin_params }
    const pepper = fileSecretStore(path.join(dataDir, 'secrets')).getOrCreate('pin-pepper', 32)
    expect(await verifyPin('246810', pepper, stored)).toBe(true)
    // Without the pepper (a copied kiosk.db alone) the right PIN does not match.
    expect(await verifyPin('246810', crypto.randomBytes(32), stored)).toBe(false)
  })

  it('never stores, logs or returns the PIN', async () => {
    const log = { error: vi.fn(), info: vi.fn() }
    const dataDir = tempDir()
    const core = testCore({ dataDir, pinCost: cheapCost, log })
    const pin = '739146'
    const outputs: unknown[] = []
    await setupAdmin(core)
    outputs.push(await call(core, 'auth:setOfficerPin', { officerId: 1, pin }))
    await call(core, 'auth:logout', {})
    const { accounts } = await call(core, 'auth:accounts', {})
    outputs.push(accounts)
    const officer = accounts.find((a) => a.role === 'officer')
    outputs.push(await core.invoke('auth:login', { accountId: officer?.id, pin: '739147' }, TEST_CLIENT))
    outputs.push(await core.invoke('auth:login', { accountId: officer?.id, pin }, TEST_CLIENT))
    outputs.push(await core.invoke('auth:login', { accountId: 999, pin }, TEST_CLIENT))
    outputs.push(await core.invoke('auth:login', { accountId: 1, pin: `${pin}x` }, TEST_CLIENT)) // refused input
    outputs.push(await call(core, 'auth:logout', {}))
    await givePin(core, 2, '135790')
    await loginAdmin(core)
    outputs.push(await call(core, 'audit:list', { limit: 100, before: null, from: null, to: null, action: null }))
    core.close()
    for (const file of fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(dataDir, file)
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(pin), file).toBe(false)
    }
    expect(JSON.stringify(outputs)).not.toContain(pin)
    expect(JSON.stringify([log.error.mock.calls, log.info.mock.calls])).not.toContain(pin)
  })

  it('does the same scrypt work for an unknown account as for a wrong PIN, with the same answer', async () => {
    const core = testCore({ pinCost: cheapCost })
    const accountId = await givePin(core, 1, '111111')
    const scrypt = vi.spyOn(crypto, 'scrypt')
    const wrong = await call(core, 'auth:login', { accountId, pin: '222222' })
    const wrongWork = scrypt.mock.calls.length
    const unknown = await call(core, 'auth:login', { accountId: 4242, pin: '222222' })
    expect(unknown).toEqual(wrong)
    expect(unknown).toEqual({ status: 'denied' })
    expect(scrypt.mock.calls.length - wrongWork).toBe(wrongWork)
    expect(scrypt.mock.calls.at(-1)?.[3]).toMatchObject(cheapCost)
  })
})

describe('audit log', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    const core = testCore({ pinCost: cheapCost })
    await setupAdmin(core)
    const db = new Database(core.dbFile)
    try {
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBeGreaterThan(0)
      expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
    const { csv, fileName } = await call(core, 'audit:export', {})
    expect(fileName).toMatch(/^nhat-ky-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(csv.startsWith('\uFEFFThời gian (UTC),Người thực hiện,Thao tác')).toBe(true)
    expect(csv).toContain('Quản trị CNTT,auth.setup')
  })
})
