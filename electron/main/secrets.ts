import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { SecretStore } from '../core/device/secret-store'
import type { ShellLogger } from './log'

/** The part of Electron's `safeStorage` this store uses (passed in, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/

/**
 * Secrets (the device key, the PIN pepper) encrypted with the OS keychain through `safeStorage` (DPAPI on
 * Windows, libsecret/kwallet on Linux), one `<name>.bin` file each under `dir`, outside the database. A copy of the
 * data folder taken to another machine or user cannot decrypt them.
 *
 * Where the OS offers no keychain (a Linux kiosk without a secret service), safeStorage would only obfuscate: the
 * store then keeps an owner-only `<name>.key` file like the web host does, and says so in the log once.
 */
export function safeStorageSecretStore(safeStorage: SafeStorageLike, dir: string, log: ShellLogger): SecretStore {
  let warned = false
  const encrypted = () => {
    const available = safeStorage.isEncryptionAvailable()
    if (!available && !warned) {
      warned = true
      log.warn('safeStorage is not available: secrets are kept in owner-only files instead')
    }
    return available
  }
  const read = (file: string): Buffer | null => {
    try {
      return fs.readFileSync(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
  return {
    getOrCreate(name, bytes) {
      if (!NAME.test(name)) throw new Error(`bad secret name: ${name}`)
      const useKeychain = encrypted()
      const file = path.join(dir, useKeychain ? `${name}.bin` : `${name}.key`)
      const stored = read(file)
      if (stored !== null) {
        return Buffer.from(useKeychain ? safeStorage.decryptString(stored) : stored.toString('utf8').trim(), 'base64')
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      // A kiosk set up before the keychain store (or while it was unavailable) has an owner-only file: adopt it,
      // since a new device key or pepper would break the upload chain or every PIN.
      const legacy = useKeychain ? read(path.join(dir, `${name}.key`)) : null
      const secret = legacy ? Buffer.from(legacy.toString('utf8').trim(), 'base64') : crypto.randomBytes(bytes)
      const body = useKeychain
        ? safeStorage.encryptString(secret.toString('base64'))
        : Buffer.from(secret.toString('base64'))
      try {
        // 'wx': never overwrite a secret written a moment ago (losing the pepper would lock every PIN out).
        fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.getOrCreate(name, bytes)
        throw error
      }
      if (legacy) fs.rmSync(path.join(dir, `${name}.key`), { force: true })
      return secret
    },
  }
}
