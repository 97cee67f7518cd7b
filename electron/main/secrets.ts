import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { SecretStore } from '../core/device/secret-store'
import type { ShellLogger } from './log'
import { SecretStoreError } from './secret-store/errors'
import type { Sealer } from './secret-store/sealers'

/** The part of Electron's `safeStorage` the shell uses (passed in, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only (absent elsewhere): `basic_text` means a hard-coded key, i.e. obfuscation, not encryption. */
  getSelectedStorageBackend?(): string
}

/** A way secrets may have been kept before, which may or may not be readable on this start. */
export interface FormerSealer {
  readonly ext: string
  readonly label: string
  /** The sealer, or a SecretStoreError saying why those files cannot be read now (e.g. no keychain). */
  open(): Sealer
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/

/**
 * Secrets (the device key, the PIN pepper, the hub's TLS seal key, paired-device credentials), one file each under
 * `dir`, outside the database, sealed the one way IT chose (secret-store/choice.ts).
 *
 * A secret is created only when no file of any kind holds it. A new pepper silently invalidates every PIN and a new
 * device key breaks the upload chain, so a secret that exists but cannot be read now stops the start with a clear
 * error — never a second secret. A secret kept the other way (IT switched stores, or an older version's plain
 * file) is moved: read, sealed the chosen way, and the old file removed, with a log line each time.
 */
export function sealedSecretStore(options: {
  dir: string
  sealer: Sealer
  former: readonly FormerSealer[]
  log: ShellLogger
}): SecretStore {
  const { dir, sealer, log } = options
  const read = (file: string): Buffer | null => {
    try {
      return fs.readFileSync(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
  /** 'wx': never overwrite a secret written a moment ago. False when the file appeared meanwhile. */
  const writeNew = (file: string, body: Buffer): boolean => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    try {
      fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' })
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw error
    }
  }
  const openOwn = (name: string, body: Buffer): Buffer => {
    try {
      return sealer.open(name, body)
    } catch (error) {
      throw new SecretStoreError(
        `Không mở được khóa bí mật "${name}" bằng ${sealer.label}: ${String(error)}. Ứng dụng không tạo khóa mới (mọi ` +
          `mã PIN sẽ mất hiệu lực và chuỗi đánh giá bị đứt). Hãy khôi phục đúng tệp khóa hoặc kho khóa đã dùng trước đây.`,
        `Secret "${name}" does not open with the ${sealer.label}; no new secret was created.`,
      )
    }
  }
  return {
    getOrCreate(name, bytes) {
      if (!NAME.test(name)) throw new Error(`bad secret name: ${name}`)
      const own = path.join(dir, `${name}${sealer.ext}`)
      const body = read(own)
      if (body !== null) return openOwn(name, body)
      for (const former of options.former) {
        const oldFile = path.join(dir, `${name}${former.ext}`)
        const old = read(oldFile)
        if (old === null) continue
        const secret = former.open().open(name, old)
        if (!writeNew(own, sealer.seal(name, secret))) return this.getOrCreate(name, bytes)
        fs.rmSync(oldFile, { force: true })
        log.warn(`secret "${name}" moved from the ${former.label} to the ${sealer.label}`)
        return secret
      }
      const secret = crypto.randomBytes(bytes)
      if (!writeNew(own, sealer.seal(name, secret))) return this.getOrCreate(name, bytes)
      log.info(`secret "${name}" created in the ${sealer.label}`)
      return secret
    },
  }
}
