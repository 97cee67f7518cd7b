import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Where secrets live: outside the database, so a copied or stolen `kiosk.db` does not carry them. Under Electron
 * the shell supplies a store encrypted with the OS keychain (`safeStorage`); the web host and tests use files
 * readable by the owner only.
 */
export interface SecretStore {
  /** The secret named `name`, created with `bytes` random bytes the first time it is asked for. */
  getOrCreate(name: string, bytes: number): Buffer
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/

export function fileSecretStore(dir: string): SecretStore {
  return {
    getOrCreate(name, bytes) {
      if (!NAME.test(name)) throw new Error(`bad secret name: ${name}`)
      const file = path.join(dir, `${name}.key`)
      try {
        return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      const secret = crypto.randomBytes(bytes)
      // 'wx': never overwrite a secret another process created a moment ago.
      try {
        fs.writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.getOrCreate(name, bytes)
        throw error
      }
      return secret
    },
  }
}
