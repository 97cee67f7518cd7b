import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseSecretStore, defaultKeyFile, type ChoiceOptions } from '../../electron/main/secret-store/choice'
import { SecretStoreError } from '../../electron/main/secret-store/errors'
import type { SafeStorageLike } from '../../electron/main/secrets'
import { tempDir } from '../helpers/temp-dir'
import { fakeKeychain, spyLogger } from './fake-electron'

const uid = process.getuid?.()
const posix = uid !== undefined

/** One start of the shell's secret store on `userData`, with or without an OS keychain, as IT configured it. */
function start(
  userData: string,
  how: { keychain: boolean; store?: 'keychain' | 'keyfile'; keyFile?: string | null; owner?: number },
  safeStorage: SafeStorageLike = fakeKeychain(how.keychain),
) {
  const log = spyLogger()
  const options: ChoiceOptions = {
    settings: { secretStore: how.store ?? 'keychain', keyFile: how.keyFile ?? null },
    settingsFile: path.join(userData, 'unattended.json'),
    safeStorage,
    userData,
    owner: { uid: how.owner ?? uid },
    log,
  }
  return { choice: chooseSecretStore(options), log }
}

function ready(userData: string, how: Parameters<typeof start>[1]) {
  const { choice, log } = start(userData, how)
  if (choice.kind !== 'ready') throw new Error(`expected a ready store, got: ${choice.error.message}`)
  return { store: choice.store, log }
}

function blockedMessage(userData: string, how: Parameters<typeof start>[1]): string {
  const { choice } = start(userData, how)
  if (choice.kind !== 'blocked') throw new Error('expected the set-up notice')
  expect(choice.error).toBeInstanceOf(SecretStoreError)
  return choice.error.message
}

const secretsIn = (userData: string) => fs.readdirSync(path.join(userData, 'secrets')).sort()
/** Every byte the store left on disk, to prove a secret is nowhere in the clear. */
const allBytes = (userData: string) =>
  Buffer.concat(secretsIn(userData).map((f) => fs.readFileSync(path.join(userData, 'secrets', f))))

describe('the OS keychain store (default)', () => {
  it('encrypts each secret with safeStorage and returns the same one after a restart', () => {
    const userData = tempDir()
    const first = ready(userData, { keychain: true }).store.getOrCreate('pin-pepper', 32)
    expect(first).toHaveLength(32)
    expect(fs.readFileSync(path.join(userData, 'secrets', 'pin-pepper.bin')).toString()).toMatch(/^enc:/)
    expect(allBytes(userData).includes(first.toString('base64'))).toBe(false)
    expect(ready(userData, { keychain: true }).store.getOrCreate('pin-pepper', 32).equals(first)).toBe(true)
  })

  it('without a keychain: the set-up notice, never a secret written in the clear and never a crash', () => {
    const userData = tempDir()
    const message = blockedMessage(userData, { keychain: false })
    expect(message).toMatch(/^Máy này không có kho khóa của hệ điều hành/)
    expect(message).toContain('"secretStore": "keyfile"')
    expect(message).toContain(path.join(userData, 'unattended.json'))
    expect(fs.existsSync(path.join(userData, 'secrets'))).toBe(false)
  })

  it('treats an unavailable safeStorage like the basic_text backend', () => {
    const off = { ...fakeKeychain(true), isEncryptionAvailable: () => false }
    expect(start(tempDir(), { keychain: true }, off).choice.kind).toBe('blocked')
  })

  it('moves a plain owner-only file of an older version into the keychain, keeping the same secret', () => {
    const userData = tempDir()
    const old = Buffer.alloc(32, 7)
    fs.mkdirSync(path.join(userData, 'secrets'))
    fs.writeFileSync(path.join(userData, 'secrets', 'device.key'), old.toString('base64'), { mode: 0o600 })
    const { store, log } = ready(userData, { keychain: true })
    expect(store.getOrCreate('device', 32).equals(old)).toBe(true)
    expect(secretsIn(userData)).toEqual(['device.bin'])
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('moved from the unencrypted owner-only file'))
  })

  it('refuses names that could leave the folder', () => {
    expect(() => ready(tempDir(), { keychain: true }).store.getOrCreate('../x', 32)).toThrow(/bad secret name/)
  })
})

describe('the key-file store IT chose (no keychain)', () => {
  it('creates an owner-only 256-bit key file once, seals with AES-256-GCM, and works across restarts', () => {
    const userData = tempDir()
    const { store, log } = ready(userData, { keychain: false, store: 'keyfile' })
    const device = store.getOrCreate('device', 32)
    const keyFile = defaultKeyFile(userData)
    if (posix) expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32)
    expect(secretsIn(userData)).toEqual(['device.sealed'])
    const sealed = allBytes(userData)
    expect(sealed.includes(device)).toBe(false)
    expect(sealed.includes(device.toString('base64'))).toBe(false)
    // The choice and the new key file are said in the log (audited), never silently.
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('as IT chose in'))
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('created (owner-only'))

    const again = ready(userData, { keychain: false, store: 'keyfile' })
    expect(again.store.getOrCreate('device', 32).equals(device)).toBe(true)
    expect(again.log.warn).not.toHaveBeenCalledWith(expect.stringContaining('created (owner-only'))
  })

  it('uses the path IT named', () => {
    const userData = tempDir()
    const keyFile = path.join(tempDir(), 'elsewhere', 'kiosk.key')
    ready(userData, { keychain: false, store: 'keyfile', keyFile }).store.getOrCreate('device', 32)
    expect(fs.existsSync(keyFile)).toBe(true)
    expect(fs.existsSync(defaultKeyFile(userData))).toBe(false)
  })

  it('a sealed secret does not open under another key, nor when renamed into another secret’s place', () => {
    const userData = tempDir()
    ready(userData, { keychain: false, store: 'keyfile' }).store.getOrCreate('device', 32)
    const dir = path.join(userData, 'secrets')
    fs.copyFileSync(path.join(dir, 'device.sealed'), path.join(dir, 'pin-pepper.sealed'))
    const store = ready(userData, { keychain: false, store: 'keyfile' }).store
    expect(() => store.getOrCreate('pin-pepper', 32)).toThrow(/Không mở được khóa bí mật "pin-pepper"/)
    fs.writeFileSync(defaultKeyFile(userData), `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o600 })
    const otherKey = ready(userData, { keychain: false, store: 'keyfile' }).store
    expect(() => otherKey.getOrCreate('device', 32)).toThrow(SecretStoreError)
    // Refused, not replaced: the sealed file is still the one that was there.
    expect(secretsIn(userData)).toEqual(['device.sealed', 'pin-pepper.sealed'])
  })

  it.runIf(posix)('refuses a key file that group or others can read, on every start', () => {
    const userData = tempDir()
    ready(userData, { keychain: false, store: 'keyfile' }).store.getOrCreate('device', 32)
    fs.chmodSync(defaultKeyFile(userData), 0o640)
    expect(blockedMessage(userData, { keychain: false, store: 'keyfile' })).toMatch(/chmod 600/)
    fs.chmodSync(defaultKeyFile(userData), 0o604)
    expect(blockedMessage(userData, { keychain: false, store: 'keyfile' })).toMatch(/quyền 604/)
    fs.chmodSync(defaultKeyFile(userData), 0o600)
    expect(start(userData, { keychain: false, store: 'keyfile' }).choice.kind).toBe('ready')
  })

  it.runIf(posix)('refuses a key file owned by another user', () => {
    const userData = tempDir()
    ready(userData, { keychain: false, store: 'keyfile' })
    const message = blockedMessage(userData, { keychain: false, store: 'keyfile', owner: (uid ?? 0) + 1 })
    expect(message).toMatch(/thuộc về người dùng khác/)
  })

  it('refuses a damaged key file instead of making a new key', () => {
    const userData = tempDir()
    fs.writeFileSync(defaultKeyFile(userData), 'short\n', { mode: 0o600 })
    expect(blockedMessage(userData, { keychain: false, store: 'keyfile' })).toMatch(/bị hỏng/)
    expect(fs.readFileSync(defaultKeyFile(userData), 'utf8')).toBe('short\n')
  })
})

describe('switching stores never loses a secret silently', () => {
  it('keychain → key file: each secret is moved (same bytes) when the keychain still opens them', () => {
    const userData = tempDir()
    const before = ready(userData, { keychain: true }).store.getOrCreate('pin-pepper', 32)
    const { store, log } = ready(userData, { keychain: true, store: 'keyfile' })
    expect(store.getOrCreate('pin-pepper', 32).equals(before)).toBe(true)
    expect(secretsIn(userData)).toEqual(['pin-pepper.sealed'])
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('"pin-pepper" moved from the OS keychain'))
  })

  it('keychain → key file while the keychain is gone: refused with the reason, no new secret', () => {
    const userData = tempDir()
    ready(userData, { keychain: true }).store.getOrCreate('pin-pepper', 32)
    const store = ready(userData, { keychain: false, store: 'keyfile' }).store
    expect(() => store.getOrCreate('pin-pepper', 32)).toThrow(/không thể chuyển chúng sang tệp khóa/)
    expect(secretsIn(userData)).toEqual(['pin-pepper.bin'])
  })

  it('key file → keychain: moved back under the keychain, the key file only read', () => {
    const userData = tempDir()
    const before = ready(userData, { keychain: true, store: 'keyfile' }).store.getOrCreate('device', 32)
    const after = ready(userData, { keychain: true }).store.getOrCreate('device', 32)
    expect(after.equals(before)).toBe(true)
    expect(secretsIn(userData)).toEqual(['device.bin'])
  })

  it('key file → keychain with the key file gone (e.g. unattended.json broken or lost): refused, nothing created', () => {
    const userData = tempDir()
    const keyFile = path.join(tempDir(), 'kiosk.key')
    ready(userData, { keychain: true, store: 'keyfile', keyFile }).store.getOrCreate('device', 32)
    const store = ready(userData, { keychain: true }).store
    expect(() => store.getOrCreate('device', 32)).toThrow(/tệp này không còn/)
    expect(secretsIn(userData)).toEqual(['device.sealed'])
    expect(fs.existsSync(defaultKeyFile(userData))).toBe(false)
  })
})
