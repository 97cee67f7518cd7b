import crypto from 'node:crypto'

/**
 * The chain's keys at rest. A key the kiosk will link the next rating with (chain_head) — and key_1 until
 * enrollment (chain_genesis) — must not be readable from kiosk.db alone: with it, anyone holding a copy of the
 * file could append ratings that verify. So the database holds them only sealed: AES-256-GCM under a wrap key
 * derived from the device secret, which lives in the SecretStore (under Electron encrypted by the OS keychain via
 * safeStorage), never in the database. A database copied to another machine, or whose secrets are gone, cannot
 * open them and so cannot extend the chain (ChainKeyUnavailableError).
 *
 * Sealed form: "v1." + base64url(12-byte nonce ‖ 32-byte ciphertext ‖ 16-byte tag). The purpose ("head" or
 * "genesis") is authenticated data, so a blob of one kind cannot be passed off as the other.
 */
export type SealPurpose = 'head' | 'genesis'

export interface ChainVault {
  seal(keyHex: string, purpose: SealPurpose): string
  /** The key (64 hex); throws ChainKeyUnavailableError when this device cannot open the blob. */
  open(sealed: string, purpose: SealPurpose): string
}

export class ChainKeyUnavailableError extends Error {
  constructor(purpose: SealPurpose) {
    super(
      `the rating chain's ${purpose} key cannot be opened on this device: kiosk.db was moved or copied without ` +
        `this kiosk's secrets, or the secrets were replaced. No rating can be chained (Khóa chuỗi đánh giá không ` +
        `mở được trên máy này: cơ sở dữ liệu đã bị chép sang máy khác hoặc mất khóa bí mật).`,
    )
    this.name = 'ChainKeyUnavailableError'
  }
}

const PREFIX = 'v1.'
/** Recognises a sealed value (what the migration-time check and the row schemas accept). */
export const SEALED_KEY = /^v1\.[A-Za-z0-9_-]{80}$/

export function chainVault(deviceSecret: Buffer): ChainVault {
  // Its own derivation label: the collector knows HMAC(secret, "kiosk-sign-v1"), which must not open these.
  const wrapKey = crypto.createHmac('sha256', deviceSecret).update('kiosk-chain-wrap-v1').digest()
  const aad = (purpose: SealPurpose) => Buffer.from(`kiosk-chain-key-v1|${purpose}`)
  // The blob this vault sealed last and what it holds: every rating opens the head the previous rating sealed, so
  // that open needs no decryption. Matching the exact blob (random nonce) and purpose keeps it as strict as GCM.
  let last: { sealed: string; purpose: SealPurpose; keyHex: string } | null = null
  return {
    seal(keyHex, purpose) {
      const nonce = crypto.randomBytes(12)
      const cipher = crypto.createCipheriv('aes-256-gcm', wrapKey, nonce).setAAD(aad(purpose))
      const plain = Buffer.from(keyHex, 'hex')
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      const sealed = PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')
      last = { sealed, purpose, keyHex: plain.toString('hex') }
      return sealed
    },
    open(sealed, purpose) {
      if (last !== null && last.sealed === sealed && last.purpose === purpose) return last.keyHex
      if (!SEALED_KEY.test(sealed)) throw new ChainKeyUnavailableError(purpose)
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url')
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', wrapKey, raw.subarray(0, 12)).setAAD(aad(purpose))
        decipher.setAuthTag(raw.subarray(44))
        return Buffer.concat([decipher.update(raw.subarray(12, 44)), decipher.final()]).toString('hex')
      } catch {
        throw new ChainKeyUnavailableError(purpose)
      }
    },
  }
}
