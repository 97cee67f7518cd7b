import crypto from 'node:crypto'
import type { SafeStorageLike } from '../secrets'

/**
 * One way of keeping a secret on disk: each writes `<name><ext>` files of its own, so the store can tell at a
 * glance which way an existing secret was kept, even after IT switched ways.
 */
export interface Sealer {
  readonly ext: string
  /** For the log and the notice: where the secrets are, in IT's words. */
  readonly label: string
  seal(name: string, secret: Buffer): Buffer
  open(name: string, body: Buffer): Buffer
}

/** The OS keychain through Electron's safeStorage: DPAPI on Windows, Secret Service/KWallet on Linux. */
export function keychainSealer(safeStorage: SafeStorageLike): Sealer {
  return {
    ext: '.bin',
    label: 'OS keychain (safeStorage)',
    seal: (_name, secret) => safeStorage.encryptString(secret.toString('base64')),
    open: (_name, body) => Buffer.from(safeStorage.decryptString(body).trim(), 'base64'),
  }
}

/** Whether safeStorage really encrypts: Linux's `basic_text` backend is a hard-coded key, i.e. obfuscation. */
export function keychainWorks(safeStorage: SafeStorageLike): boolean {
  return safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
}

const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * AES-256-GCM under the key file's key. The secret's name is the associated data, so a sealed device key cannot
 * be renamed into the PIN pepper's place; a changed byte or another key fails the tag instead of giving garbage.
 * Layout: version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext.
 */
export function keyFileSealer(key: Buffer, file: string): Sealer {
  return {
    ext: '.sealed',
    label: `key file ${file}`,
    seal(name, secret) {
      const iv = crypto.randomBytes(IV_BYTES)
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(name))
      const body = Buffer.concat([cipher.update(secret), cipher.final()])
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
    },
    open(name, sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error(`${name}.sealed is damaged`)
      const iv = sealed.subarray(1, 1 + IV_BYTES)
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv)
      decipher.setAAD(Buffer.from(name))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()])
    },
  }
}

/**
 * What the shell wrote before there was a choice (and what the web host still writes): the secret in base64, in an
 * owner-only file. Only ever read, to move it into the store IT chose; never written by the Electron shell again.
 */
export const plainFileSealer: Sealer = {
  ext: '.key',
  label: 'unencrypted owner-only file (older versions)',
  seal: () => {
    throw new Error('the Electron shell never writes a secret unencrypted')
  },
  open: (_name, body) => Buffer.from(body.toString('utf8').trim(), 'base64'),
}
