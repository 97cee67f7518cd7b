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
  /** Linux only (absent elsewhere): `basic_text` means a hard-coded key, i.e. obfuscation, not encryption. */
  getSelectedStorageBackend?(): string
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/

/**
 * Secrets (the device key, the PIN pepper) encrypted with the OS keychain through `safeStorage` (DPAPI on
 * Windows, libsecret/kwallet on Linux), one `<name>.bin` file each under `dir`, outside the database. A copy of the
 * data folder taken to another machine or user cannot decrypt them.
 *
 * Where the OS offers no keychain (a Linux kiosk without a secret service, or one where safeStorage fell back to
 * `basic_text`), safeStorage would only obfuscate: the store then keeps an owner-only `<name>.key` file like the
 * web host does, and says so in the log once.
 *
 * A secret is created only when neither file exists. A new pepper silently invalidates every PIN and a new
 * device key breaks the upload chain, so a keychain that is missing on one start (a locked wallet, a session
 * without the secret service) must stop the start-up with a clear error — never create a second secret.
 */
export function safeStorageSecretStore(safeStorage: SafeStorageLike, dir: string, log: ShellLogger): SecretStore {
  let warned = false
  const encrypted = () => {
    const backend = safeStorage.getSelectedStorageBackend?.()
    const available = safeStorage.isEncryptionAvailable() && backend !== 'basic_text'
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
  const plain = (body: Buffer) => Buffer.from(body.toString('utf8').trim(), 'base64')
  /** 'wx': never overwrite a secret written a moment ago. False when the file appeared meanwhile. */
  const writeNew = (file: string, body: Buffer): boolean => {
    try {
      fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' })
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw error
    }
  }
  return {
    getOrCreate(name, bytes) {
      if (!NAME.test(name)) throw new Error(`bad secret name: ${name}`)
      const useKeychain = encrypted()
      const binFile = path.join(dir, `${name}.bin`)
      const keyFile = path.join(dir, `${name}.key`)
      const bin = read(binFile)
      if (bin !== null) {
        if (!useKeychain) {
          throw new Error(
            `Không đọc được khóa bí mật "${name}": khóa được mã hóa bằng kho khóa của hệ điều hành, nhưng lần khởi ` +
              `động này kho khóa không dùng được. Ứng dụng không tạo khóa mới (mọi mã PIN sẽ mất hiệu lực). Hãy đăng ` +
              `nhập phiên làm việc có kho khóa (Secret Service/KWallet) rồi mở lại ứng dụng. ` +
              `(Secret "${name}" is encrypted with the OS keychain, which is unavailable now; no new secret was created.)`,
          )
        }
        return plain(Buffer.from(safeStorage.decryptString(bin)))
      }
      const legacy = read(keyFile)
      // A kiosk set up before the keychain store (or while it was unavailable) has an owner-only file: use it, and
      // move it into the keychain when one is there.
      if (legacy !== null && !useKeychain) return plain(legacy)
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      const secret = legacy !== null ? plain(legacy) : crypto.randomBytes(bytes)
      const file = useKeychain ? binFile : keyFile
      const body = useKeychain
        ? safeStorage.encryptString(secret.toString('base64'))
        : Buffer.from(secret.toString('base64'))
      if (!writeNew(file, body)) return this.getOrCreate(name, bytes)
      if (legacy !== null) fs.rmSync(keyFile, { force: true })
      return secret
    },
  }
}
