import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { safeStorageSecretStore, type SafeStorageLike } from '../../electron/main/secrets'
import { tempDir } from '../helpers/temp-dir'
import { createFakeElectron, spyLogger } from './fake-electron'

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

  it('never creates a second pepper when the keychain that encrypted the first is unavailable on one start', () => {
    const dir = tempDir()
    const first = safeStorageSecretStore(fakeSafeStorage(true), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    const down = safeStorageSecretStore(fakeSafeStorage(false), dir, spyLogger())
    expect(() => down.getOrCreate('pin-pepper', 32)).toThrow(/Không đọc được khóa bí mật "pin-pepper"/)
    expect(fs.existsSync(path.join(dir, 'pin-pepper.key'))).toBe(false)
    // Back on the next start: the same pepper.
    const again = safeStorageSecretStore(fakeSafeStorage(true), dir, spyLogger()).getOrCreate('pin-pepper', 32)
    expect(again.equals(first)).toBe(true)
  })

  it('reads an owner-only file while the keychain is unavailable instead of replacing it', () => {
    const dir = tempDir()
    const first = safeStorageSecretStore(fakeSafeStorage(false), dir, spyLogger()).getOrCreate('device', 32)
    const again = safeStorageSecretStore(fakeSafeStorage(false), dir, spyLogger()).getOrCreate('device', 32)
    expect(again.equals(first)).toBe(true)
    expect(fs.readdirSync(dir)).toEqual(['device.key'])
  })

  it('treats the Linux basic_text backend as no keychain: owner-only file, and never reads a .bin with it', () => {
    // "Available", but only obfuscated with a hard-coded key (Electron on Linux without a secret service).
    const basicText = { ...createFakeElectron().safeStorage, isEncryptionAvailable: () => true }
    const dir = tempDir()
    const log = spyLogger()
    const secret = safeStorageSecretStore(basicText, dir, log).getOrCreate('device', 32)
    expect(fs.readdirSync(dir)).toEqual(['device.key'])
    expect(Buffer.from(fs.readFileSync(path.join(dir, 'device.key'), 'utf8'), 'base64').equals(secret)).toBe(true)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('safeStorage is not available'))

    const keychainDir = tempDir()
    safeStorageSecretStore(fakeSafeStorage(true), keychainDir, spyLogger()).getOrCreate('pin-pepper', 32)
    expect(() => safeStorageSecretStore(basicText, keychainDir, spyLogger()).getOrCreate('pin-pepper', 32)).toThrow(
      /kho khóa/,
    )
  })

  it('refuses names that could leave the folder', () => {
    const store = safeStorageSecretStore(fakeSafeStorage(), tempDir(), spyLogger())
    expect(() => store.getOrCreate('../x', 32)).toThrow(/bad secret name/)
  })
})
