import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { safeStorageSecretStore, type SafeStorageLike } from '../../electron/main/secrets'
import { tempDir } from '../helpers/temp-dir'
import { spyLogger } from './fake-electron'

/** A stand-in for Electron's safeStorage: reversible, but visibly not the plain text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
    decryptString: (encrypted) => Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'hex').toString(),
  }
}

describe('safeStorage secret store', () => {
  it('encrypts each secret with safeStorage and returns the same one after a restart', () => {
    const dir = tempDir()
    const first = safeStorageSecretStore(fakeSafeStorage(), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    expect(first).toHaveLength(32)
    const onDisk = fs.readFileSync(path.join(dir, 'pin-pepper.bin'))
    expect(onDisk.toString()).toMatch(/^enc:/)
    expect(onDisk.includes(first.toString('base64'))).toBe(false)
    const again = safeStorageSecretStore(fakeSafeStorage(), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    expect(again.equals(first)).toBe(true)
  })

  it('falls back to an owner-only file, with a warning, where the OS has no keychain', () => {
    const dir = tempDir()
    const log = spyLogger()
    const store = safeStorageSecretStore(fakeSafeStorage(false), dir, log)
    const secret = store.getOrCreate('device', 32)
    const file = path.join(dir, 'device.key')
    expect(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64').equals(secret)).toBe(true)
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('safeStorage is not available'))
  })

  it('adopts a secret kept in a plain file before, so the device key and the PIN pepper never change', () => {
    const dir = tempDir()
    const before = safeStorageSecretStore(fakeSafeStorage(false), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    const after = safeStorageSecretStore(fakeSafeStorage(true), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    expect(after.equals(before)).toBe(true)
    expect(fs.existsSync(path.join(dir, 'pin-pepper.key'))).toBe(false)
    expect(fs.readFileSync(path.join(dir, 'pin-pepper.bin')).toString()).toMatch(/^enc:/)
  })

  it('refuses names that could leave the folder', () => {
    const store = safeStorageSecretStore(fakeSafeStorage(), tempDir(), spyLogger())
    expect(() => store.getOrCreate('../x', 32)).toThrow(/bad secret name/)
  })
})
